package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A test profile whose database is unreachable: the reactive datasource points at a port nothing listens on. Its
 * consumers are off: with no database they would send the shared topics' events to the dead-letter topics.
 */
public class DatabaseDown implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + closedPort() + "/warmline",
                "quarkus.flyway.migrate-at-start", "false",
                "mp.messaging.incoming.lead-assigned.enabled", "false",
                "mp.messaging.incoming.follow-up-logged.enabled", "false",
                "mp.messaging.incoming.lead-closed.enabled", "false");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
