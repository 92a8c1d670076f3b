package io.warmline.intake.messaging;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The tests' side of the real broker: sends events as routing would, and watches what intake dead-letters. One
 * watcher serves every test in the run; topics are shared with other services' tests too, so everything is looked
 * up by the test's own lead ids.
 */
public final class Broker {

    public static final String LEAD_ASSIGNED = "warmline.lead-assigned";
    public static final String FOLLOW_UP_LOGGED = "warmline.follow-up-logged";
    public static final String LEAD_CLOSED = "warmline.lead-closed";
    /** Intake's dead-letter topics; they may not be on every stack yet, so the watcher creates them. */
    public static final List<String> DEAD_LETTER_TOPICS = List.of("warmline.dlq.intake-service.lead-assigned",
            "warmline.dlq.intake-service.follow-up-logged", "warmline.dlq.intake-service.lead-closed");
    /** Long enough for intake to work through what other services' tests left on the shared topics. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);
    private static Broker shared;

    private final KafkaCompanion kafka;
    private final ConsumerTask<String, String> deadLetters;

    private Broker() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        DEAD_LETTER_TOPICS.stream().filter(topic -> !kafka.topics().list().contains(topic))
                .forEach(topic -> kafka.topics().createAndWait(topic, 6));
        deadLetters = kafka.consumeStrings().withOffsetReset("earliest")
                .fromTopics(DEAD_LETTER_TOPICS.toArray(String[]::new));
    }

    /** The run's watcher, started by the first test that asks (the application is up by then). */
    public static synchronized Broker shared() {
        if (shared == null) {
            shared = new Broker();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Sends an event keyed by its lead, as routing does. */
    public void send(String topic, UUID leadId, String event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, leadId.toString(), event)).awaitCompletion();
    }

    /** Sends to the partition given: events of different leads on one partition are applied in the order sent. */
    public void send(String topic, int partition, UUID leadId, String event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, partition, leadId.toString(), event))
                .awaitCompletion();
    }

    public List<ConsumerRecord<String, String>> deadLettersFor(UUID leadId) {
        return deadLetters.getRecords().stream().filter(record -> leadId.toString().equals(record.key())).toList();
    }

    public void awaitDeadLetters(UUID leadId, int count) {
        await().atMost(PATIENCE).until(() -> deadLettersFor(leadId).size() == count);
    }

    /** Waits long enough for a wrongly dead-lettered event to show up, and checks none did. */
    public void assertNoDeadLetters(UUID leadId) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> deadLettersFor(leadId).isEmpty());
    }

    private void close() {
        deadLetters.stop();
        kafka.close();
    }
}
