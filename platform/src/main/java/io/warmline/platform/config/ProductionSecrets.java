package io.warmline.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rule a production start must pass (see {@link StartGuard}): a database password that is set and is not a
 * default (the role's own name, as the local stacks' database.sql creates them, or a well-known one), a key to
 * verify bearer tokens with, and every secret the service names as required. What it reports names settings, never
 * their values.
 */
public final class ProductionSecrets {

    /** Passwords anyone would try first. */
    private static final Set<String> WELL_KNOWN = Set.of("postgres", "password", "changeme", "secret", "warmline");

    /**
     * What the rule reads.
     *
     * @param jwtKeyLocation mp.jwt.verify.publickey.location (a file, file: or classpath: location, or a URL)
     * @param jwtKey mp.jwt.verify.publickey (the key itself), the other way to give it
     * @param requiredSecrets each required setting's name and value (null or blank when unset)
     * @param defaultDatabasePasswordAllowed the explicit opt-out of a one-host demo (logged by {@link StartGuard})
     */
    public record Settings(String databaseUser, String databasePassword, String jwtKeyLocation, String jwtKey,
                           Map<String, String> requiredSecrets, boolean defaultDatabasePasswordAllowed) {
    }

    private ProductionSecrets() {
    }

    /** What is wrong, one sentence each; empty when the service may start. */
    public static List<String> problems(Settings settings, Predicate<Path> readable) {
        List<String> problems = new ArrayList<>();
        String password = settings.databasePassword();
        if (!settings.defaultDatabasePasswordAllowed()) {
            if (blank(password)) {
                problems.add("the database password is empty: set WARMLINE_DB_PASSWORD (quarkus.datasource.password)");
            } else if (password.equalsIgnoreCase(settings.databaseUser())
                    || WELL_KNOWN.contains(password.toLowerCase(Locale.ROOT))) {
                problems.add("the database password of role '" + settings.databaseUser() + "' is a default one (the "
                        + "role's name or a well-known password): give the role its own secret in WARMLINE_DB_PASSWORD");
            }
        }
        if (blank(settings.jwtKey())) {
            String location = settings.jwtKeyLocation();
            if (blank(location)) {
                problems.add("no key to verify bearer tokens: set WARMLINE_JWT_PUBLIC_KEY "
                        + "(mp.jwt.verify.publickey.location) to the identity provider's public key or key set");
            } else {
                Path file = localFile(location.strip());
                if (file != null && !readable.test(file)) {
                    problems.add("the key to verify bearer tokens cannot be read at " + file
                            + " (WARMLINE_JWT_PUBLIC_KEY)");
                }
            }
        }
        settings.requiredSecrets().forEach((name, value) -> {
            if (blank(value)) {
                problems.add("the required secret " + name + " is not set");
            }
        });
        return problems;
    }

    /** The file a location names, or null for a URL or a classpath resource (checked by whoever loads them). */
    private static Path localFile(String location) {
        if (location.startsWith("file:")) {
            return Path.of(URI.create(location));
        }
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return null;
        }
        return Path.of(location);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
