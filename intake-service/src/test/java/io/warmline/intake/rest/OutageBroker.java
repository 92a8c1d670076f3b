package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.warmline.platform.testing.Stack;
import org.testcontainers.kafka.KafkaContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Kafka broker of its own that a test really stops and starts: a container (the platform's {@link Stack#broker})
 * on the Kafka port of the {@code outage} row of the one table of stacks, {@code deploy/local/stacks.sh}. As a test
 * profile, it points the service at that broker, which is not there until the test starts it. At every wipe the
 * broker's log is kept in {@code target/stack-logs/outage/kafka.log}.
 */
public class OutageBroker implements QuarkusTestProfile {

    private static final String STACK = "outage";
    private static final Path LOG = Path.of("target", "stack-logs", STACK, "kafka.log");
    static final String BOOTSTRAP_SERVERS = "127.0.0.1:" + Stack.ports(STACK)[0];
    private static KafkaContainer broker;

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

    /** Starts the broker with the stacks' topics; returns once it serves them. */
    static void start() {
        broker = Stack.broker(STACK);
        broker.start();
        Stack.createTopics(BOOTSTRAP_SERVERS, Stack.topicsOfTheStacks().toArray(String[]::new));
    }

    /** Removes the broker and its data (keeping its log), so every run starts with no broker at all. */
    static void wipe() {
        if (broker != null && broker.getContainerId() != null) {
            try {
                Files.createDirectories(LOG.getParent());
                Files.writeString(LOG, broker.getLogs());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Stack.removeAll(STACK);
        broker = null;
    }
}
