package io.warmline.platform.messaging;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    @Test
    void aDatabaseOutOfReachIsTransientHoweverDeeplyWrapped() {
        assertTrue(Failures.isTransient(new CompletionException(new RuntimeException(new ConnectException("refused")))));
        assertTrue(Failures.isTransient(ClosedConnectionException.INSTANCE));
        assertTrue(Failures.isTransient(new IllegalStateException("HR000092: Unable to open a connection to the database")));
    }

    @Test
    void postgresStatesThatMeanNotNowAreTransient() {
        for (String state : new String[]{"08006", "57P01", "57P03", "53300", "40001", "40P01", "55P03"}) {
            assertTrue(Failures.isTransient(new PgException("m", "FATAL", state, "d")), state);
        }
    }

    @Test
    void aViolatedConstraintOrABugIsNot() {
        assertFalse(Failures.isTransient(new PgException("duplicate key", "ERROR", "23505", "d")));
        assertFalse(Failures.isTransient(new PgException("syntax", "ERROR", "42601", "d")));
        assertFalse(Failures.isTransient(new NullPointerException()));
        assertFalse(Failures.isTransient(new PoisonEvent("unreadable", null)));
    }
}
