package io.warmline.faults;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The stack's topics as the suite needs them: which topics are consumed and by whom (read from the dead-letter
 * topics of deploy/local/topics.txt, {@code warmline.dlq.<service>.<topic>}), poison written to each consumed topic,
 * and every record on the dead-letter topics at the end.
 */
final class Topics {

    private static final String DLQ = "warmline.dlq.";

    private final String bootstrap;
    private final Map<String, List<String>> deadLetterTopicsByConsumedTopic = new TreeMap<>();

    Topics(String bootstrap, Path topicsFile) throws Exception {
        this.bootstrap = bootstrap;
        List<String> lines = Files.readAllLines(topicsFile);
        List<String> topics = lines.stream().map(line -> line.replaceAll("#.*", "").trim()).toList();
        for (String topic : topics) {
            if (topic.startsWith(DLQ)) {
                String rest = topic.substring(DLQ.length());
                String service = rest.substring(0, rest.indexOf('.'));
                String channel = rest.substring(rest.indexOf('.') + 1);
                String consumed = "warmline." + channel;
                // A channel named for its topic dead-letters that topic's poison; a channel reading several topics
                // (mp.messaging.incoming.<channel>.topics in its service's configuration) dead-letters each one's.
                List<String> read = topics.contains(consumed) ? List.of(consumed)
                        : channelTopics(topicsFile, service, channel);
                for (String each : read) {
                    deadLetterTopicsByConsumedTopic.computeIfAbsent(each, t -> new ArrayList<>()).add(topic);
                }
            }
        }
    }

    /** The topics a service's channel reads, from its application.properties beside deploy/ (none if not found). */
    private static List<String> channelTopics(Path topicsFile, String service, String channel) throws Exception {
        Path root = topicsFile.toAbsolutePath().getParent().getParent().getParent();
        Path properties = root.resolve(service).resolve("src/main/resources/application.properties");
        if (!Files.exists(properties)) {
            return List.of();
        }
        Properties config = new Properties();
        try (var in = Files.newBufferedReader(properties)) {
            config.load(in);
        }
        String listed = config.getProperty("mp.messaging.incoming." + channel + ".topics");
        return listed == null ? List.of() : java.util.Arrays.stream(listed.split(",")).map(String::trim).toList();
    }

    /** One unreadable record on each consumed topic; answers what was written and where it must be dead-lettered. */
    List<PoisonEvent> injectPoison(String run) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        List<PoisonEvent> poison = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (Map.Entry<String, List<String>> consumed : deadLetterTopicsByConsumedTopic.entrySet()) {
                String value = "poison from the fault suite " + run + " " + UUID.randomUUID() + ": {not an event";
                producer.send(new ProducerRecord<>(consumed.getKey(), "poison-" + UUID.randomUUID(), value));
                poison.add(new PoisonEvent(consumed.getKey(), value, List.copyOf(consumed.getValue())));
            }
            producer.flush();
        }
        return poison;
    }

    /** Every record on every dead-letter topic, read from the beginning to the end. */
    List<DeadLetter> deadLetters() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (List<String> topics : deadLetterTopicsByConsumedTopic.values()) {
                for (String topic : topics) {
                    for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                        partitions.add(new TopicPartition(topic, p.partition()));
                    }
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline
                    && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(new DeadLetter(record.topic(), record.value(), record.timestamp()));
                }
            }
        }
        return letters;
    }

    int expectedDeadLetters() {
        return deadLetterTopicsByConsumedTopic.values().stream().mapToInt(List::size).sum();
    }
}
