package io.warmline.routing.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.warmline.routing.config.RoutingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Offers the queue to reps with room, in its own transaction. Woken after every commit that queued a lead or freed
 * a rep (so a lead never waits while a rep is idle, even when the rep was locked by another replica's dispatch at
 * the moment the lead arrived), and swept periodically because a shift starts by the clock, not by an event.
 */
@ApplicationScoped
public class QueueDrainer {

    private static final Logger LOG = Logger.getLogger(QueueDrainer.class);

    private final Mutiny.SessionFactory sessions;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    QueueDrainer(Mutiny.SessionFactory sessions, Dispatcher dispatcher, Clock clock, Vertx vertx) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Asks for a drain; drains never overlap within one instance, and a request during one runs another. */
    public void drainSoon() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            // Hibernate Reactive needs a duplicated context; a timer or another transaction's callback has none.
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> Uni.createFrom().deferred(() -> sessions.withTransaction(session ->
                            dispatcher.drainQueue(session, clock.instant())))
                    .subscribe().with(this::finish, failure -> {
                        LOG.warnf("queue drain failed, the sweep will retry: %s", failure.toString());
                        finish(0);
                    }));
        }
    }

    private void finish(int assigned) {
        running.set(false);
        if (assigned >= Dispatcher.DRAIN_BATCH || again.get()) {
            drainSoon();
        }
    }

    void sweep(@Observes StartupEvent started, RoutingConfig config) {
        vertx.setPeriodic(config.queueSweepInterval().toMillis(), timer -> drainSoon());
    }
}
