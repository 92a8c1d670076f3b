package io.warmline.platform.probe;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
        String servers = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (servers == null) {
            throw new IllegalStateException("KAFKA_BOOTSTRAP_SERVERS is not set: run the tests with deploy/test.sh, "
                    + "or source deploy/local/var/<stack>/env after deploy/local/infra.sh up");
        }
        return servers;
    }

    public static void create(String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = List.of(topics).stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 6, (short) 1)).toList();
            admin.createTopics(missing).all().get();
            // Created means known to the controller; wait until the broker describes each.
            admin.describeTopics(List.of(topics)).allTopicNames().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the probe topics on " + bootstrapServers(), e);
        }
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
