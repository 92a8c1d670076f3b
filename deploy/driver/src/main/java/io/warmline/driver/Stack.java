package io.warmline.driver;

import java.nio.file.Path;

/**
 * Where a running Warmline is: the services' base URLs and the token issuer's private key. Read from the
 * environment that deploy/test.sh and deploy/bench/run.sh set; defaults are the local stack of deploy/run.sh.
 */
public record Stack(String intake, String scoring, String routing, String notification, Path issuerKey) {

    public static Stack fromEnvironment() {
        return new Stack(env("WARMLINE_INTAKE_URL", "http://127.0.0.1:8081"),
                env("WARMLINE_SCORING_URL", "http://127.0.0.1:8082"),
                env("WARMLINE_ROUTING_URL", "http://127.0.0.1:8083"),
                env("WARMLINE_NOTIFICATION_URL", "http://127.0.0.1:8084"),
                Path.of(env("WARMLINE_JWT_PRIVATE_KEY", "deploy/local/var/local/jwt/private.pem")));
    }

    /** The same stack reached through another intake instance (a second replica). */
    public Stack withIntake(String url) {
        return new Stack(url, scoring, routing, notification, issuerKey);
    }

    /** The same stack reached through another notification instance (a second replica). */
    public Stack withNotification(String url) {
        return new Stack(intake, scoring, routing, url, issuerKey);
    }

    public Tokens tokens() {
        return new Tokens(issuerKey);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
