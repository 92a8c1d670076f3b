package io.warmline.notification.service;

import io.warmline.platform.testing.Replica;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service (prod profile) given its role's name as database password does not start: the platform's
 * StartGuard stops it with the reason, naming the role and never the password.
 */
class StartGuardIT {

    @Test
    void aProductionStartWithTheRoleNamedPasswordIsRefused() throws Exception {
        String key = Path.of("target", "test-jwt", "public.pem").toAbsolutePath().toUri().toString();
        try (Replica replica = Replica.start("start-guard", key, Map.of("WARMLINE_DB_PASSWORD", "notification"))) {
            await().atMost(Duration.ofSeconds(120)).until(() -> !replica.isAlive());
        }
        String log = Files.readString(Path.of("target", "two-instances", "start-guard.log"));
        assertTrue(log.contains("refusing to start with default or missing secrets: the database password of role "
                + "'notification' is a default one"), "the reason is logged");
        assertFalse(log.contains("Listening on"), "it never served a request");
    }
}
