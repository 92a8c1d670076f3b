package io.warmline.deploy.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics of deploy/local/topics.txt on a stack's broker and returns only when the broker's metadata
 * shows every one of them with all its partitions led, or fails at the deadline naming what is still missing.
 *
 * <p>Usage: {@code TopicTool <bootstrap> <seconds> <topics.txt> [partitions]}; deploy/local/infra.sh runs it.
 *
 * <p>Why it retries everything until the deadline: right after start a KRaft broker answers metadata requests
 * before it is registered (createTopics then fails: replication factor 1 cannot be reached), and after
 * createTopics succeeds, describing the topics can still answer UNKNOWN_TOPIC_OR_PARTITION until the broker's
 * metadata image catches up with the controller's. Both are normal for a few seconds after start.
 */
public final class TopicTool {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: TopicTool <bootstrap-servers> <deadline-seconds> <topics.txt> [partitions]");
            System.exit(2);
        }
        long deadline = System.currentTimeMillis() + Long.parseLong(args[1]) * 1000;
        List<String> wanted = TopicList.parse(Files.readAllLines(Path.of(args[2])));
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 6;

        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(config)) {
            List<String> notReady = wanted;
            Exception last = null;
            int round = 0;
            while (true) {
                round++;
                try {
                    create(admin, notReady, partitions);
                    Map<String, Integer> partitionCounts = new HashMap<>();
                    Map<String, Integer> leaderCounts = new HashMap<>();
                    describe(admin, wanted, partitionCounts, leaderCounts);
                    notReady = TopicList.notReady(wanted, partitionCounts, leaderCounts);
                    if (notReady.isEmpty()) {
                        partitionCounts.forEach((topic, count) -> {
                            if (count != partitions) {
                                System.err.println("warning: topic " + topic + " has " + count + " partitions, not "
                                        + partitions);
                            }
                        });
                        System.out.println("topics ready: " + wanted.size() + " (round " + round + ")");
                        return;
                    }
                    last = null;
                } catch (ExecutionException | org.apache.kafka.common.errors.TimeoutException e) {
                    last = e;
                }
                if (System.currentTimeMillis() > deadline) {
                    System.err.println("deadline passed; topics not ready in the broker's metadata: " + notReady
                            + (last == null ? "" : "; last error: " + last));
                    System.exit(1);
                }
                System.out.println("round " + round + ": not ready yet: " + notReady.size() + " topic(s)"
                        + (last == null ? "" : " (" + last.getCause() + ")"));
                Thread.sleep(300);
            }
        }
    }

    /** Creates those of {@code topics} the broker does not list; a topic created meanwhile is fine. */
    private static void create(Admin admin, List<String> topics, int partitions) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, partitions, (short) 1)).collect(Collectors.toList());
        if (missing.isEmpty()) {
            return;
        }
        for (Map.Entry<String, KafkaFuture<Void>> result : admin.createTopics(missing).values().entrySet()) {
            try {
                result.getValue().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Fills, per topic the broker describes, its partition count and how many of its partitions have a leader. A
     * topic the broker does not know yet (UNKNOWN_TOPIC_OR_PARTITION) is left out, not an error.
     */
    private static void describe(Admin admin, List<String> topics, Map<String, Integer> partitionCounts,
            Map<String, Integer> leaderCounts) throws Exception {
        for (Map.Entry<String, KafkaFuture<TopicDescription>> result
                : admin.describeTopics(topics).topicNameValues().entrySet()) {
            try {
                TopicDescription d = result.getValue().get();
                partitionCounts.put(result.getKey(), d.partitions().size());
                leaderCounts.put(result.getKey(),
                        (int) d.partitions().stream().filter(p -> p.leader() != null && !p.leader().isEmpty()).count());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
    }
}
