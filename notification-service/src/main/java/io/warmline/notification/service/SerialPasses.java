package io.warmline.notification.service;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The passes of a background loop (firing timers, sending deliveries): never two at once on this instance, and a
 * request during a pass runs another right after it, so a wake-up is never lost. Each pass runs on a fresh safe
 * Vert.x sub-context, which Hibernate Reactive requires (a Vert.x timer calls back on the root context). Requests
 * before start or after stop do nothing: the database pool is not there.
 */
final class SerialPasses {

    private static final Logger LOG = Logger.getLogger(SerialPasses.class);

    private final String name;
    /** One pass; true when another should follow at once (it found a full batch). */
    private final Supplier<Uni<Boolean>> pass;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Vertx vertx;

    SerialPasses(String name, Supplier<Uni<Boolean>> pass) {
        this.name = name;
        this.pass = pass;
    }

    void start(Vertx vertx) {
        this.vertx = vertx;
        request();
    }

    void stop() {
        vertx = null;
    }

    /** Runs a pass now, or right after the current one. */
    void request() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            again.set(false);
            Vertx current = vertx;
            if (current == null) {
                running.set(false);
                return;
            }
            onSafeContext(current, () -> pass.get().subscribe().with(this::finish, failure -> {
                LOG.warnf("%s pass failed, the next one retries: %s", name, failure.toString());
                finish(false);
            }));
        }
    }

    private void finish(boolean more) {
        running.set(false);
        if (more || again.get()) {
            request();
        }
    }

    /** Runs work on a new safe duplicated context of this Vert.x instance. */
    static void onSafeContext(Vertx vertx, Runnable work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.run());
    }
}
