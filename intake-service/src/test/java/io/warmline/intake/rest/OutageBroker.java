package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of its own that a test really stops and starts: the {@code outage} stack of
 * {@code deploy/local/infra.sh}, its port read from the one table of stacks, {@code deploy/local/stacks.sh}. As a
 * test profile, it points the service at that broker, which is down until the test starts it. When a start fails,
 * and at every wipe, the stack's logs are kept under {@code target/stack-logs/outage/}.
 */
public class OutageBroker implements QuarkusTestProfile {

    private static final String STACK = "outage";
    private static final Path LOCAL = Path.of("..", "deploy", "local");
    private static final Path INFRA = LOCAL.resolve("infra.sh");
    private static final File LOG = new File("target", "outage-infra.log");
    private static final File STACK_LOGS = new File("target", "stack-logs");
    static final String BOOTSTRAP_SERVERS = "127.0.0.1:" + kafkaPort();

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
        try {
            infra("up");
        } catch (IllegalStateException e) {
            infra("save-logs", STACK_LOGS.getPath());
            throw new IllegalStateException(e.getMessage() + "; the stack's logs are in "
                    + new File(STACK_LOGS, STACK).getAbsolutePath(), e);
        }
    }

    /** Stops the broker and removes its data (keeping its logs), so every run starts from an empty broker. */
    static void wipe() {
        infra("wipe", "--save-logs", STACK_LOGS.getPath());
    }

    /** The outage stack's Kafka port: the second column of its row in deploy/local/stacks.sh. */
    private static int kafkaPort() {
        try {
            return Files.readAllLines(LOCAL.resolve("stacks.sh")).stream()
                    .map(line -> line.replaceFirst("#.*", "").trim().split("\\s+"))
                    .filter(columns -> columns.length >= 5 && columns[0].equals(STACK))
                    .mapToInt(columns -> Integer.parseInt(columns[1])).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no '" + STACK + "' row in deploy/local/stacks.sh"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void infra(String... command) {
        try {
            Files.createDirectories(LOG.toPath().getParent());
            List<String> commandLine = new ArrayList<>(List.of(INFRA.toString()));
            commandLine.addAll(List.of(command));
            ProcessBuilder builder = new ProcessBuilder(commandLine)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(LOG));
            builder.environment().put("WARMLINE_STACK", STACK);
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("infra.sh " + String.join(" ", command) + " did not finish; see " + LOG.getAbsolutePath());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("infra.sh " + String.join(" ", command) + " failed; see " + LOG.getAbsolutePath());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run " + INFRA, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
