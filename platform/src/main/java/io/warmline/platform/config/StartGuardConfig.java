package io.warmline.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** What {@link StartGuard} requires of a production start beyond the database password and the token key. */
@ConfigMapping(prefix = "warmline.start-guard")
public interface StartGuardConfig {

    /** Names of settings that must hold a value in production (a service's own secrets, e.g. a sealing key). */
    Optional<List<String>> requiredSecrets();

    /**
     * Lets a one-host demo (deploy/compose, whose PostgreSQL is reachable only inside its network) start with the
     * roles' default passwords; the start logs a warning. Never set in a real deployment.
     */
    @WithDefault("false")
    boolean allowDefaultDatabasePassword();
}
