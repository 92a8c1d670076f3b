package io.warmline.platform.messaging;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Whether the service's database answers right now: a failure while it does not is transient, whatever it says. */
@ApplicationScoped
public class DatabaseProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(3);
    private final Pool pool;

    DatabaseProbe(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> answers() {
        return pool.query("SELECT 1").execute()
                .replaceWith(true)
                .ifNoItem().after(PATIENCE).fail()
                .onFailure().recoverWithItem(false);
    }
}
