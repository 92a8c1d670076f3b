package io.warmline.platform.messaging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * What a consumer's handlers asked to run once their transaction commits ({@link AfterCommit}), kept in the
 * consumer's Vert.x context while {@link EventReader} applies a batch, so the handlers' code finds it without being
 * told.
 */
final class PendingActions {

    private static final Object KEY = PendingActions.class;

    private final List<Runnable> actions = new ArrayList<>();

    private PendingActions() {
    }

    static PendingActions open(Context context) {
        PendingActions pending = new PendingActions();
        context.putLocal(KEY, pending);
        return pending;
    }

    static void close(Context context) {
        context.removeLocal(KEY);
    }

    /** Those of the consumer running on the caller's context, or null outside one. */
    static PendingActions current() {
        Context context = Vertx.currentContext();
        return context == null ? null : context.getLocal(KEY);
    }

    void add(Runnable action) {
        actions.add(action);
    }

    List<Runnable> actions() {
        return actions;
    }
}
