package io.warmline.platform.messaging;

import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which topics exist on the broker, asked before publishing to a topic not seen yet: a send to a missing topic
 * would hold the producer's only sending thread for its whole metadata wait, and with it every other event.
 */
@ApplicationScoped
public class Topics {

    /** What the broker said of a topic. */
    public enum Presence { EXISTS, MISSING, UNKNOWN }

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Config config;
    private volatile Admin admin;

    Topics(Config config) {
        this.config = config;
    }

    /** For each topic, whether it exists; {@code UNKNOWN} when the broker did not answer. */
    public Uni<Map<String, Presence>> presence(Collection<String> topics) {
        Map<String, Presence> answer = new HashMap<>();
        topics.stream().filter(known::contains).forEach(topic -> answer.put(topic, Presence.EXISTS));
        var unseen = topics.stream().filter(topic -> !known.contains(topic)).distinct().toList();
        if (unseen.isEmpty()) {
            return Uni.createFrom().item(answer);
        }
        var futures = admin().describeTopics(unseen).topicNameValues();
        return Uni.join().all(unseen.stream().map(topic -> Uni.createFrom()
                        .completionStage(futures.get(topic).toCompletionStage())
                        .ifNoItem().after(PATIENCE).fail()
                        .map(description -> {
                            known.add(topic);
                            return Presence.EXISTS;
                        })
                        .onFailure().recoverWithItem(failure -> failure instanceof UnknownTopicOrPartitionException
                                || failure.getCause() instanceof UnknownTopicOrPartitionException
                                ? Presence.MISSING : Presence.UNKNOWN)
                        .invoke(presence -> answer.put(topic, presence)))
                        .toList())
                .andCollectFailures().replaceWith(answer);
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> settings = new HashMap<>();
                    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
                    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
                    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
                    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "outbox-topics");
                    admin = Admin.create(settings);
                }
            }
        }
        return admin;
    }

    private String bootstrapServers() {
        return bootstrapServers(config, "mp.messaging.outgoing.outbox");
    }

    /**
     * The broker a channel ({@code mp.messaging.outgoing.outbox}, say) talks to, found as the Kafka connector finds
     * it: the channel's own setting, then {@code KAFKA_BOOTSTRAP_SERVERS}, then {@code kafka.bootstrap.servers}.
     */
    public static String bootstrapServers(Config config, String channelPrefix) {
        Optional<String> channel = config.getOptionalValue(channelPrefix + ".bootstrap.servers", String.class);
        return channel.or(() -> Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")))
                .or(() -> config.getOptionalValue("kafka.bootstrap.servers", String.class))
                .orElse("localhost:9092");
    }

    void close(@Observes ShutdownEvent stopping) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
