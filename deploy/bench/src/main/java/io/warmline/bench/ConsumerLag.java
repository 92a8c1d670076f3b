package io.warmline.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How far the services' consumer groups are behind their topics, from the broker's committed offsets. */
final class ConsumerLag implements AutoCloseable {

    static final List<String> GROUPS = List.of("scoring-service", "routing-service", "notification-service");
    private final Admin admin;

    ConsumerLag(String bootstrap) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    /** Records not yet consumed, summed over the partitions of each group's warmline.* topics. */
    long total() {
        long lag = 0;
        try {
            for (String group : GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .filter(partition -> partition.topic().startsWith("warmline.") && !partition.topic().contains(".dlq."))
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
