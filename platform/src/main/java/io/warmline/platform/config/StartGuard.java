package io.warmline.platform.config;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Refuses to start a production build with default secrets ({@link ProductionSecrets}): a service that would
 * otherwise run against a database anyone can log into, or fail every request for want of a token key, stops at
 * start with the reasons instead. Runs before the other start-up observers; the dev and test profiles skip it.
 */
@IfBuildProfile("prod")
@ApplicationScoped
public class StartGuard {

    private static final Logger LOG = Logger.getLogger(StartGuard.class);

    void check(@Observes @Priority(1) StartupEvent started, Config config, StartGuardConfig guard) {
        Map<String, String> required = new LinkedHashMap<>();
        guard.requiredSecrets().orElse(List.of()).forEach(name -> required.put(name, setting(config, name)));
        ProductionSecrets.Settings settings = new ProductionSecrets.Settings(
                setting(config, "quarkus.datasource.username"), setting(config, "quarkus.datasource.password"),
                setting(config, "mp.jwt.verify.publickey.location"), setting(config, "mp.jwt.verify.publickey"),
                required, guard.allowDefaultDatabasePassword());
        if (guard.allowDefaultDatabasePassword()) {
            LOG.warn("warmline.start-guard.allow-default-database-password is set: the database password is not "
                    + "checked (for a one-host demo only, never a real deployment)");
        }
        List<String> problems = ProductionSecrets.problems(settings, Files::isReadable);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start with default or missing secrets: "
                    + String.join("; ", problems));
        }
    }

    /** A setting's value; null when unset or when it names an environment variable that is not set. */
    private static String setting(Config config, String name) {
        try {
            return config.getOptionalValue(name, String.class).orElse(null);
        } catch (NoSuchElementException unexpandable) {
            return null;
        }
    }
}
