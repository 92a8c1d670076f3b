package io.warmline.platform.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The tests' side of the probe application: sends probes, reads what was applied and what was published. */
public final class ProbeWorld implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    public final KafkaCompanion kafka = new KafkaCompanion(ProbeTopics.bootstrapServers());
    private final Pool database;

    public ProbeWorld(Pool database) {
        this.database = database;
    }

    /** A probe event as a producer's relay publishes it: envelope in the body, keyed by its lead. */
    public static String probe(UUID eventId, UUID leadId, int seq) {
        try {
            return JSON.writeValueAsString(Map.of("eventId", eventId, "eventType", ProbeConsumer.TYPE,
                    "schemaVersion", 1, "occurredAt", Instant.now().toString(), "leadId", leadId,
                    "data", Map.of("seq", seq)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(UUID leadId, String event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(ProbeTopics.PROBE, leadId.toString(), event))
                .awaitCompletion();
    }

    public void send(UUID leadId, int seq) {
        send(leadId, probe(UUID.randomUUID(), leadId, seq));
    }

    /** The sequence numbers applied for a lead, in the order they were applied. */
    public List<Integer> applied(UUID leadId) {
        List<Integer> seqs = new ArrayList<>();
        for (Row row : database.preparedQuery("SELECT seq FROM probe_applied WHERE lead_id = $1 ORDER BY id")
                .execute(Tuple.of(leadId)).await().indefinitely()) {
            seqs.add(row.getInteger("seq"));
        }
        return seqs;
    }

    /** Reads a topic from its beginning; the caller filters by its own keys. */
    public ConsumerTask<String, String> watch(String topic) {
        return kafka.consumeStrings().withOffsetReset("earliest").fromTopics(topic);
    }

    /** The "seq" of each record of a lead on a watched topic, in topic order. */
    public static List<Integer> seqs(ConsumerTask<String, String> task, UUID leadId) {
        return task.getRecords().stream().filter(record -> leadId.toString().equals(record.key()))
                .map(record -> {
                    try {
                        return JSON.readTree(record.value()).path("data").path("seq").asInt(-1);
                    } catch (Exception e) {
                        return -2;
                    }
                }).toList();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
