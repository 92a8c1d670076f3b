package io.warmline.routing.messaging;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The broker and database as a routing test sees them: publish an upstream event, watch a topic, read a row.
 * Each test takes every earlier rep off shift first, so only its own reps are in play.
 */
public final class Routed {

    public final KafkaCompanion kafka;
    private final Pool database;

    public Routed(Pool database) {
        this.kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        this.database = database;
    }

    /**
     * Takes earlier tests' reps off shift and empties the queue, so only the calling test's reps and leads are in
     * play. The module's tests run on a stack of their own (deploy/test.sh: test-routing), so no other module's
     * events are on its topics and there is no backlog to wait for.
     */
    public void onlyNewRepsInPlay() {
        database.query("UPDATE rep SET presence = 'offline'").execute().await().indefinitely();
        database.query("DELETE FROM waiting_lead").execute().await().indefinitely();
    }

    public ConsumerTask<String, String> watch(String topic) {
        return kafka.consumeStrings().fromTopics(topic);
    }

    public void send(String topic, String key, String value) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, key, value)).awaitCompletion();
    }

    /** A scored lead from the given region, as scoring publishes it. */
    public UUID scoredLead(String region) {
        return scoredLeads(region, 1).get(0);
    }

    /** Scored leads from the given region, published in one go (keyed by lead id, so spread over the partitions). */
    public List<UUID> scoredLeads(String region, int count) {
        List<UUID> leads = new java.util.ArrayList<>();
        List<ProducerRecord<String, String>> records = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID leadId = UUID.randomUUID();
            String event = LeadScoredConsumerTest.leadScored(UUID.randomUUID(), leadId, "hot", 90)
                    .replace("\"email\":\"sam@example.com\"", "\"email\":\"sam@example.com\",\"region\":\"" + region + "\"");
            leads.add(leadId);
            records.add(new ProducerRecord<>("warmline.lead-scored", leadId.toString(), event));
        }
        kafka.produceStrings().fromRecords(records).awaitCompletion();
        return leads;
    }

    /** A scored lead from the given region that asked to be called within {@code from}-{@code to} in {@code zone}. */
    public UUID scoredLeadWithWindow(String region, java.time.Instant from, java.time.Instant to, String zone) {
        UUID leadId = UUID.randomUUID();
        String event = LeadScoredConsumerTest.leadScored(UUID.randomUUID(), leadId, "hot", 90)
                .replace("\"email\":\"sam@example.com\"", "\"email\":\"sam@example.com\",\"region\":\"" + region + "\"")
                .replace("\"consent\":{\"granted\":true},", "\"consent\":{\"granted\":true},\"preferredCallWindow\":"
                        + "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"timeZone\":\"" + zone + "\"},");
        send("warmline.lead-scored", leadId.toString(), event);
        return leadId;
    }

    /** The rep holding the lead, once it is assigned. */
    public String awaitHolder(UUID leadId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> holder(leadId) != null);
        return holder(leadId);
    }

    public String holder(UUID leadId) {
        List<Row> rows = rows("SELECT rep_id FROM assignment WHERE lead_id = $1 AND status IN ('open', 'working')",
                leadId);
        return rows.isEmpty() ? null : rows.get(0).getString(0);
    }

    public List<Row> rows(String sql, Object... parameters) {
        List<Row> rows = new java.util.ArrayList<>();
        database.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    public static List<ConsumerRecord<String, String>> about(ConsumerTask<String, String> task, Object key) {
        return task.getRecords().stream().filter(record -> key.toString().equals(record.key())).toList();
    }

    public static ConsumerRecord<String, String> awaitOne(ConsumerTask<String, String> task, Object key) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !about(task, key).isEmpty());
        return about(task, key).get(0);
    }
}
