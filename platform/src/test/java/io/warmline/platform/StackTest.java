package io.warmline.platform;

import io.warmline.platform.testing.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module's stack is what the tests take it for: containers of the images asked for, labelled with this stack,
 * PostgreSQL 15 with the services' schemas, Kafka 4.2.1 with the stacks' topics ({@link Stack} checks the same at
 * start, so every module's tests fail on a wrong container).
 */
class StackTest {

    @Test
    void theContainersAreTheExpectedOnes() throws Exception {
        Stack stack = Stack.module();
        assertEquals("test-platform", stack.name);
        for (var container : java.util.List.of(stack.kafka, stack.database)) {
            var inspected = DockerClientFactory.instance().client().inspectContainerCmd(container.getContainerId()).exec();
            assertEquals(container.getDockerImageName(), inspected.getConfig().getImage());
            assertEquals("test-platform", inspected.getConfig().getLabels().get(Stack.LABEL));
            assertTrue(inspected.getState().getRunning());
        }
        assertTrue(stack.kafka.getLogs().contains("Kafka version: 4.2.1"), "the broker is Kafka 4.2.1");
        try (Connection connection = stack.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT current_setting('server_version'), (SELECT count(*) FROM pg_namespace"
                             + " WHERE nspname IN ('intake', 'scoring', 'routing', 'notification', 'platform'))")) {
            rows.next();
            assertTrue(rows.getString(1).startsWith("15."), "PostgreSQL 15, not " + rows.getString(1));
            assertEquals(5, rows.getInt(2), "database.sql made the services' schemas");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Set<String> topics = new HashSet<>(admin.listTopics().names().get());
            assertTrue(topics.containsAll(Stack.topicsOfTheStacks()), "the stacks' topics: " + topics);
        }
    }
}
