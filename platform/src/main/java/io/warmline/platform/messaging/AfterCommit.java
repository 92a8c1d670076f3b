package io.warmline.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs what must follow a consumer's commit (wake a queue drain, a delivery dispatcher; count what was delivered).
 * A consumer's handler runs inside the transaction {@link EventReader} opens for its batch, which commits after the
 * handler's own code returned: such an action is held until that commit, and dropped if the transaction rolls back
 * (its records are then applied again and ask again). Outside a consumer it runs at once.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);

    public void run(Runnable action) {
        PendingActions pending = PendingActions.current();
        if (pending != null) {
            pending.add(action);
        } else {
            action.run();
        }
    }

    static void runAll(Iterable<Runnable> actions) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warnf(e, "an action after a consumer's commit failed");
            }
        }
    }
}
