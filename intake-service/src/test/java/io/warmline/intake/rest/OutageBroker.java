package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of its own that a test really stops and starts: the {@code outage} stack of
 * {@code deploy/local/infra.sh} (Kafka on 127.0.0.1:39192). As a test profile, it points the service at that
 * broker, which is down until the test starts it.
 */
public class OutageBroker implements QuarkusTestProfile {

    static final String BOOTSTRAP_SERVERS = "127.0.0.1:39192";
    private static final Path INFRA = Path.of("..", "deploy", "local", "infra.sh");
    private static final File LOG = new File("target", "outage-infra.log");

    @Override
    public Map<String, String> getConfigOverrides() {
        // The channel's own setting too: the Kafka connector prefers KAFKA_BOOTSTRAP_SERVERS from the environment
        // (set by the test scripts) to kafka.bootstrap.servers, but not to a channel's bootstrap.servers.
        return Map.of("kafka.bootstrap.servers", BOOTSTRAP_SERVERS,
                "mp.messaging.outgoing.outbox.bootstrap.servers", BOOTSTRAP_SERVERS,
                "mp.messaging.incoming.lead-assigned.bootstrap.servers", BOOTSTRAP_SERVERS,
                "mp.messaging.incoming.follow-up-logged.bootstrap.servers", BOOTSTRAP_SERVERS,
                "mp.messaging.incoming.lead-closed.bootstrap.servers", BOOTSTRAP_SERVERS);
    }

    static void start() {
        infra("up");
    }

    /** Stops the broker and removes its data, so every run starts from an empty broker. */
    static void wipe() {
        infra("wipe");
    }

    private static void infra(String command) {
        try {
            Files.createDirectories(LOG.toPath().getParent());
            ProcessBuilder builder = new ProcessBuilder(INFRA.toString(), command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(LOG));
            builder.environment().put("WARMLINE_STACK", "outage");
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("infra.sh " + command + " did not finish; see " + LOG);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("infra.sh " + command + " failed; see " + LOG.getAbsolutePath());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run " + INFRA, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
