package io.warmline.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * Kafka's own floor on the same broker: one produce-to-consume hop at the message size Warmline's events have,
 * with the producer and consumer settings the services use (acks=all, idempotent, linger 0).
 */
final class KafkaFloor {

    private static final String TOPIC = "warmline.bench-floor";

    static Percentiles measure(String bootstrap, int perSecond, int seconds, int messageBytes) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get();
            }
        }
        Histogram micros = Percentiles.histogram();
        AtomicBoolean done = new AtomicBoolean();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "bench-floor", "enable.auto.commit", "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                     "acks", "all", "enable.idempotence", "true", "linger.ms", "0"),
                     new StringSerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = IntStream.range(0, 6).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long sent = ByteBuffer.wrap(record.value()).getLong();
                        micros.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
                    }
                }
            }, "floor-consumer");
            reader.start();
            OpenLoop.run(perSecond, seconds, due -> {
                byte[] value = new byte[messageBytes];
                ByteBuffer.wrap(value).putLong(due);
                producer.send(new ProducerRecord<>(TOPIC, Long.toString(due), value));
            });
            producer.flush();
            Thread.sleep(2000);
            done.set(true);
            reader.join();
        }
        return Percentiles.of(micros);
    }

    private KafkaFloor() {
    }
}
