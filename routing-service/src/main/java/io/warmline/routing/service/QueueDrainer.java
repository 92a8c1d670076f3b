package io.warmline.routing.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.warmline.routing.config.RoutingConfig;
import io.warmline.routing.persistence.WaitingLead;
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

    /**
     * Asks for a drain; drains never overlap within one instance, and a request during one runs another. A drain
     * is a series of passes, each its own short transaction over one page of the queue (Dispatcher.drainQueue); a
     * request made meanwhile starts again from the warmest lead once the series has reached the queue's end.
     */
    public void drainSoon() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            pass(null);
        }
    }

    private void pass(WaitingLead after) {
        if (after == null) {
            again.set(false);
        }
        // Hibernate Reactive needs a duplicated context; a timer or another transaction's callback has none.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Uni.createFrom().deferred(() -> sessions.withTransaction(session ->
                        dispatcher.drainQueue(session, clock.instant(), after)))
                .subscribe().with(this::finish, failure -> {
                    LOG.warnf("queue drain failed, the sweep will retry: %s", failure.toString());
                    finish(new Dispatcher.Drained(0, null));
                }));
    }

    private void finish(Dispatcher.Drained drained) {
        if (drained.next() != null) {
            pass(drained.next());
        } else if (again.get()) {
            pass(null);
        } else {
            running.set(false);
            // A request that came between the check and the flag's release would otherwise wait for the sweep.
            if (again.get() && running.compareAndSet(false, true)) {
                pass(null);
            }
        }
    }

    void sweep(@Observes StartupEvent started, RoutingConfig config) {
        vertx.setPeriodic(config.queueSweepInterval().toMillis(), timer -> drainSoon());
    }
}
