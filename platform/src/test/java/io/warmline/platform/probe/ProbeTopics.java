package io.warmline.platform.probe;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.warmline.platform.testing.Stack;

import java.util.Map;

/**
 * The probe application's topics, created before it starts (the broker creates no topic by itself): the tests
 * own these, so no other module's events are on them.
 */
@QuarkusTestResource(ProbeTopics.class)
public class ProbeTopics implements QuarkusTestResourceLifecycleManager {

    public static final String PROBE = "warmline.platform-test.probe";
    public static final String DEAD_LETTERS = "warmline.dlq.platform-test.probe";
    public static final String ECHO = "warmline.platform-test.echo";
    public static final String ORDERED = "warmline.platform-test.ordered";
    /** Never created by this class: a test creates it when it wants it to exist. */
    public static final String MISSING = "warmline.platform-test.missing";

    public static String bootstrapServers() {
        return Stack.module().bootstrapServers();
    }

    public static void create(String... topics) {
        Stack.createTopics(bootstrapServers(), topics);
    }

    @Override
    public Map<String, String> start() {
        create(PROBE, DEAD_LETTERS, ECHO, ORDERED);
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
