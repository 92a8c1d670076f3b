package io.warmline.intake.rest;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What intake recorded, read where it lands: its tables, and the {@code warmline.lead-received} topic on the
 * broker the configuration names. One per test class: it watches the topic from when it is made until closed.
 */
final class IntakeRecords implements AutoCloseable {

    private final Pool database;
    private final KafkaCompanion kafka;
    private final ConsumerTask<String, String> received;

    IntakeRecords(Pool database, String bootstrapServers) {
        this.database = database;
        this.kafka = new KafkaCompanion(bootstrapServers);
        // From the earliest offset: an event published before the consumer's partitions are assigned still counts.
        this.received = kafka.consumeStrings().withOffsetReset("earliest").fromTopics("warmline.lead-received");
    }

    long count(String sql, Object... parameters) {
        return database.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    long leads(String vendorId, String vendorLeadId) {
        return count("SELECT count(*) FROM lead WHERE vendor_id = $1 AND vendor_lead_id = $2", vendorId, vendorLeadId);
    }

    /** A refusal leaves no trace: no lead, no outbox row, no event, for this vendor lead id. */
    void assertNothingStored(String vendorId, String vendorLeadId) {
        assertEquals(0, leads(vendorId, vendorLeadId), "a refused lead is not stored");
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE payload LIKE $1 AND payload LIKE $2",
                "%\"" + vendorId + "\"%", "%\"" + vendorLeadId + "\"%"), "a refused lead puts nothing in the outbox");
        assertEquals(List.of(), received.getRecords().stream()
                .filter(event -> event.value().contains("\"" + vendorId + "\""))
                .filter(event -> event.value().contains("\"" + vendorLeadId + "\"")).toList(),
                "a refused lead publishes nothing");
    }

    /** The lead's data key; null once erased. */
    byte[] dataKey(String leadId) {
        var rows = database.preparedQuery("SELECT data_key FROM personal_data.lead_key WHERE lead_id = $1")
                .execute(Tuple.of(java.util.UUID.fromString(leadId))).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getBuffer(0).getBytes();
    }

    ConsumerRecord<String, String> awaitEvent(String leadId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !eventsFor(leadId).isEmpty());
        return eventsFor(leadId).get(0);
    }

    /** Waits for each lead's event, then lets any second copy show itself before counting. */
    void assertPublishedOnce(String... leadIds) {
        List<String> leads = List.of(leadIds);
        await().atMost(Duration.ofSeconds(30)).until(() -> leads.stream().noneMatch(lead -> eventsFor(lead).isEmpty()));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> leads.stream().allMatch(lead -> eventsFor(lead).size() == 1));
    }

    List<ConsumerRecord<String, String>> eventsFor(String leadId) {
        return received.getRecords().stream().filter(event -> leadId.equals(event.key())).toList();
    }

    static String header(ConsumerRecord<String, String> event, String name) {
        return new String(event.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        received.stop();
        kafka.close();
    }
}
