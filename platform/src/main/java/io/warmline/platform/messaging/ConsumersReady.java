package io.warmline.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while a consumer waits out a transient fault (the database or broker out of reach). */
@Readiness
@ApplicationScoped
public class ConsumersReady implements HealthCheck {

    private final ConsumerHealth health;

    ConsumersReady(ConsumerHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        return health.readiness();
    }
}
