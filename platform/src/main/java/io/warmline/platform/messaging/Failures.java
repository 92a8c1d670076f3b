package io.warmline.platform.messaging;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Sorts failures by kind. A transient failure (the database restarting or out of reach, a connection reset, a
 * serialization failure or deadlock, too many connections) goes away by itself, so the work waits and retries; it
 * is never a reason to give up on an event.
 */
public final class Failures {

    /**
     * PostgreSQL states that say "not now" rather than "never": connection exceptions (08), serialization failure
     * and deadlock (40001, 40P01), insufficient resources (53), lock not available (55P03), operator intervention
     * such as a shutdown or a server still starting (57P).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03");

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || cause instanceof SocketException || cause instanceof TimeoutException) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null && transientState(pg.getSqlState())) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof VertxException && (message.contains("Connection") || message.contains("closed")
                    || message.contains("Timeout") || message.contains("timeout"))) {
                return true;
            }
            // Hibernate Reactive's words for a connection it could not open (HR000092) or lost.
            if (message.contains("HR000092") || message.contains("Unable to open a connection")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static boolean transientState(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P")
                || TRANSIENT_STATES.contains(sqlState);
    }
}
