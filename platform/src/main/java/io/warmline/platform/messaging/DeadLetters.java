package io.warmline.platform.messaging;

import io.warmline.platform.rest.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a channel's dead letters: each record on the channel's dead-letter topic not replayed before goes back
 * to the topic it came from (the {@code dead-letter-topic} header the connector wrote), with its key, value and
 * headers (less the dead-letter ones). What was replayed is remembered as the offsets of the group
 * {@code <channel's group>.replay}, so each dead letter is replayed once; consumers drop an event they already
 * applied, so replaying is safe.
 */
@ApplicationScoped
public class DeadLetters {

    /** What a replay did. */
    public record Replay(String channel, String deadLetterTopic, int replayed) {
    }

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final Config config;

    DeadLetters(Config config) {
        this.config = config;
    }

    public synchronized Replay replay(String channel) {
        String prefix = "mp.messaging.incoming." + channel;
        String deadLetterTopic = config.getOptionalValue(prefix + ".dead-letter-queue.topic", String.class)
                .orElseThrow(() -> new Problem(404, "unknown-channel", "Not Found", "this service has no incoming "
                        + "channel '" + channel + "' with a dead-letter topic"));
        String fallbackTopic = config.getOptionalValue(prefix + ".topic", String.class).orElse(channel);
        String group = config.getOptionalValue(prefix + ".group.id", String.class).orElse(channel) + ".replay";
        String servers = Topics.bootstrapServers(config, prefix);
        int replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings(servers, group));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(servers))) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, PATIENCE).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, PATIENCE);
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, PATIENCE)
                    < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    String origin = header(record, "dead-letter-topic", fallbackTopic);
                    RecordHeaders headers = new RecordHeaders();
                    for (Header header : record.headers()) {
                        if (!header.key().startsWith("dead-letter-")) {
                            headers.add(header);
                        }
                    }
                    headers.add("replayed-from", deadLetterTopic.getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(), headers)).get();
                    done.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    replayed++;
                }
                consumer.commitSync(done, PATIENCE);
            }
        } catch (Problem problem) {
            throw problem;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (Exception e) {
            throw unavailable(e);
        }
        LOG.infof("replayed %d dead letter(s) of %s from %s", replayed, channel, deadLetterTopic);
        return new Replay(channel, deadLetterTopic, replayed);
    }

    private static Problem unavailable(Exception cause) {
        return new Problem(503, "temporarily-unavailable", "Service Unavailable", "the broker did not answer ("
                + cause.getClass().getSimpleName() + "); what was replayed is remembered, retry later", List.of(), 5);
    }

    private static String header(ConsumerRecord<?, ?> record, String name, String fallback) {
        Header header = record.headers().lastHeader(name);
        return header == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> consumerSettings(String servers, String group) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return settings;
    }

    private static Map<String, Object> producerSettings(String servers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PATIENCE.toMillis());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return settings;
    }
}
