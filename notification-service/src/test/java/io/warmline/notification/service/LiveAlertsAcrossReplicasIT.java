package io.warmline.notification.service;

import io.warmline.notification.messaging.LeadAssignedEvents;
import io.warmline.notification.rest.AlertStreamClient;
import io.warmline.platform.testing.JwtKeys;
import io.warmline.platform.testing.Replica;
import io.warmline.platform.testing.Stack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 16, point 1: two notification-service replicas (the packaged jar twice, one consumer group, one database) on
 * the real broker and database. A rep's stream is open on the first; alerts are committed by both, each replica by
 * the lead-assigned partitions it owns (chosen per lead through Kafka's own partitioner, the ownership read from the
 * group before and after). Every alert reaches the stream live, once, in stream order; a reconnect to the other
 * replica with Last-Event-ID replays exactly the ones after it.
 */
class LiveAlertsAcrossReplicasIT {

    private static final String PUBLIC_KEY;

    static {
        // Tokens signs with the private key named here: set before anything reads the configuration.
        Map<String, String> keys = new JwtKeys().start();
        System.setProperty("smallrye.jwt.sign.key.location", keys.get("smallrye.jwt.sign.key.location"));
        PUBLIC_KEY = keys.get("mp.jwt.verify.publickey.location");
    }

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int ALERTS = 12;
    private static final String GROUP = "notification-service";
    private final List<Replica> replicas = new ArrayList<>();
    private final String rep = "rep-live-" + UUID.randomUUID();

    @AfterEach
    void stop() throws InterruptedException {
        for (Replica replica : replicas) {
            replica.close();
        }
    }

    @Test
    void aRepsStreamOnOneReplicaGetsEveryAlertCommittedByEitherLiveOnceAndInOrder() throws Exception {
        Replica first = start("live-a");
        Replica second = start("live-b");
        first.awaitReady(PATIENCE);
        second.awaitReady(PATIENCE);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
             KafkaProducer<String, String> producer = producer()) {
            int partitions = admin.describeTopics(Set.of(LeadAssignedEvents.TOPIC)).allTopicNames().get()
                    .get(LeadAssignedEvents.TOPIC).partitions().size();
            await().atMost(PATIENCE).until(() -> owners(admin).values().stream().distinct().count() == 2
                    && owners(admin).size() == partitions);
            Map<Integer, String> owners = owners(admin);

            try (AlertStreamClient stream = AlertStreamClient.open(first.baseUri(), rep, null)) {
                await().atMost(PATIENCE).until(stream::caughtUp);
                List<String> committedBy = new ArrayList<>();
                for (int i = 0; i < ALERTS; i++) {
                    String replica = i % 2 == 0 ? "live-a" : "live-b";
                    UUID lead = leadOn(replica, owners, partitions);
                    producer.send(new ProducerRecord<>(LeadAssignedEvents.TOPIC, lead.toString(),
                            LeadAssignedEvents.event(rep, lead).toString())).get();
                    committedBy.add(replica);
                }
                await().atMost(PATIENCE).until(() -> stream.alerts().size() >= ALERTS);
                assertEquals(owners, owners(admin), "the partitions did not move meanwhile: both replicas committed");
                assertEquals(ALERTS / 2, committedBy.stream().filter("live-b"::equals).count());

                List<AlertStreamClient.Event> live = stream.live();
                assertEquals(ALERTS, live.size(), "every alert live, none replayed, none twice: " + live);
                assertEquals(LongStream.rangeClosed(1, ALERTS).boxed().toList(),
                        live.stream().map(AlertStreamClient.Event::position).toList(), "in stream order, no gap");
                assertEquals(ALERTS, live.stream().map(AlertStreamClient.Event::alertId).distinct().count());

                try (AlertStreamClient resumed = AlertStreamClient.open(second.baseUri(), rep, "4")) {
                    await().atMost(PATIENCE).until(resumed::caughtUp);
                    assertEquals(LongStream.rangeClosed(5, ALERTS).boxed().toList(),
                            resumed.replayed().stream().map(AlertStreamClient.Event::position).toList());
                    assertEquals(live.subList(4, ALERTS).stream().map(AlertStreamClient.Event::alertId).toList(),
                            resumed.replayed().stream().map(AlertStreamClient.Event::alertId).toList());
                }
            }
        }
    }

    private Replica start(String name) throws Exception {
        // The client id names the replica in the consumer group, so the test can see which partitions it owns.
        Replica replica = Replica.start(name, PUBLIC_KEY, Map.of("JAVA_TOOL_OPTIONS",
                "-Dmp.messaging.incoming.lead-assigned.client.id=" + name));
        replicas.add(replica);
        return replica;
    }

    /** Which replica (by client id) owns each lead-assigned partition now. */
    private static Map<Integer, String> owners(Admin admin) throws Exception {
        Map<Integer, String> owners = new HashMap<>();
        for (MemberDescription member : admin.describeConsumerGroups(Set.of(GROUP)).all().get().get(GROUP).members()) {
            for (TopicPartition partition : member.assignment().topicPartitions()) {
                if (partition.topic().equals(LeadAssignedEvents.TOPIC) && member.clientId().startsWith("live-")) {
                    owners.put(partition.partition(), member.clientId().substring(0, "live-a".length()));
                }
            }
        }
        return owners;
    }

    /** A fresh lead id whose record key Kafka's default partitioner puts on a partition the replica owns. */
    private static UUID leadOn(String replica, Map<Integer, String> owners, int partitions) {
        Set<Integer> own = owners.entrySet().stream().filter(entry -> entry.getValue().equals(replica))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        while (true) {
            UUID lead = UUID.randomUUID();
            byte[] key = lead.toString().getBytes(StandardCharsets.UTF_8);
            if (own.contains(Utils.toPositive(Utils.murmur2(key)) % partitions)) {
                return lead;
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private static String bootstrap() {
        return Stack.module().bootstrapServers();
    }
}
