package io.warmline.scoring.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The tests' side of the real broker: sends events as other services would, and watches what scoring publishes
 * and dead-letters. One watcher serves every test in the run; topics are shared with other services' tests too,
 * so everything is looked up by the test's own lead ids.
 */
public final class Broker {

    public static final String LEAD_RECEIVED = "warmline.lead-received";
    public static final String LEAD_ASSIGNED = "warmline.lead-assigned";
    public static final String LEAD_QUEUED = "warmline.lead-queued";
    public static final String LEAD_SCORED = "warmline.lead-scored";
    public static final String LEAD_ERASED = "warmline.lead-erased";
    /** Scoring's dead-letter topics; the newest may not be on every stack yet, so the watcher creates it. */
    public static final List<String> DEAD_LETTER_TOPICS = List.of("warmline.dlq.scoring-service.lead-received",
            "warmline.dlq.scoring-service.lead-assigned", "warmline.dlq.scoring-service.lead-queued");
    public static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Broker shared;

    private final KafkaCompanion kafka;
    private final ConsumerTask<String, String> scored;
    private final ConsumerTask<String, String> deadLetters;

    private Broker() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        DEAD_LETTER_TOPICS.stream().filter(topic -> !kafka.topics().list().contains(topic))
                .forEach(topic -> kafka.topics().createAndWait(topic, 6));
        scored = kafka.consumeStrings().fromTopics(LEAD_SCORED);
        deadLetters = kafka.consumeStrings().fromTopics(DEAD_LETTER_TOPICS.toArray(String[]::new));
    }

    /** The run's watcher, started by the first test that asks (the application is up by then). */
    public static synchronized Broker shared() {
        if (shared == null) {
            shared = new Broker();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public void send(String topic, UUID leadId, String event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, leadId.toString(), event)).awaitCompletion();
    }

    /** The data of every LeadScored published for the lead so far. */
    public List<JsonNode> scoredFor(UUID leadId) {
        return scored.getRecords().stream().filter(record -> leadId.toString().equals(record.key()))
                .map(record -> read(record.value())).toList();
    }

    /** The whole event of the first LeadScored for the lead matching {@code wanted}, once it is published. */
    public JsonNode awaitScored(UUID leadId, Predicate<JsonNode> wanted) {
        await().atMost(PATIENCE).until(() -> scoredFor(leadId).stream().anyMatch(wanted));
        return scoredFor(leadId).stream().filter(wanted).findFirst().orElseThrow();
    }

    public JsonNode awaitScored(UUID leadId) {
        return awaitScored(leadId, event -> true);
    }

    /** Waits long enough for a wrongly published event to show up, and checks none did. */
    public void assertScoredTimes(UUID leadId, int times) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> scoredFor(leadId).size() == times);
    }

    public void awaitDeadLetters(UUID leadId, int count) {
        await().atMost(PATIENCE).until(() -> deadLetters.getRecords().stream()
                .filter(record -> leadId.toString().equals(record.key())).count() == count);
    }

    /** The raw text of a LeadScored, to check against its schema. */
    public String rawScored(UUID leadId, int index) {
        return scored.getRecords().stream().filter(record -> leadId.toString().equals(record.key()))
                .map(ConsumerRecord::value).toList().get(index);
    }

    static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }

    private void close() {
        scored.stop();
        deadLetters.stop();
        kafka.close();
    }
}
