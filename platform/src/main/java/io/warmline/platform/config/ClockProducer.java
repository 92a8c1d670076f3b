package io.warmline.platform.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import io.quarkus.arc.DefaultBean;

import java.time.Clock;

/**
 * The one place a service reads the wall clock; domain code is handed this {@link Clock}. A default bean, so a
 * test can put an adjustable clock in its place.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
