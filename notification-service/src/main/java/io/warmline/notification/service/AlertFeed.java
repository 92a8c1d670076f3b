package io.warmline.notification.service;

import io.smallrye.mutiny.Multi;
import io.warmline.notification.config.AlertsConfig;
import io.warmline.notification.domain.Alert;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rep's alert stream: the stored alerts they missed, a caught-up marker, then live alerts as they are committed,
 * with a keep-alive now and then. It listens before it reads the stored alerts, so an alert committed during the
 * read is not lost; a live alert the read already returned is dropped, so none is sent twice.
 */
@ApplicationScoped
public class AlertFeed {

    /** What the stream carries. */
    public sealed interface Item permits Delivered, CaughtUp, KeepAlive {
    }

    public record Delivered(Alert alert) implements Item {
    }

    /** Everything stored has been sent; what follows is live. */
    public record CaughtUp() implements Item {
    }

    public record KeepAlive() implements Item {
    }

    private final LiveAlerts live;
    private final AlertHistory history;
    private final AlertsConfig config;

    AlertFeed(LiveAlerts live, AlertHistory history, AlertsConfig config) {
        this.live = live;
        this.history = history;
        this.config = config;
    }

    /** @param afterId the last alert id the rep received (Last-Event-ID), or null for a fresh connection */
    public Multi<Item> follow(String repId, Long afterId) {
        Multi<Item> alerts = Multi.createFrom().deferred(() -> {
            LiveAlerts.Listener listener = live.listen(repId);
            return history.replay(repId, afterId)
                    .onItem().transformToMulti(stored -> replayThenLive(stored, listener))
                    .onTermination().invoke(listener::close);
        });
        Multi<Item> keepAlive = Multi.createFrom().ticks()
                .startingAfter(config.heartbeatInterval()).every(config.heartbeatInterval())
                .onOverflow().drop()
                .<Item>map(tick -> new KeepAlive());
        return Multi.createBy().merging().streams(alerts, keepAlive);
    }

    private static Multi<Item> replayThenLive(List<Alert> stored, LiveAlerts.Listener listener) {
        // By id rather than "at most the highest replayed id": two replicas can commit ids out of order, and a
        // lower id committed after the read must still be sent.
        Set<Long> replayed = stored.stream().map(Alert::alertId).collect(Collectors.toSet());
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().iterable(stored).<Item>map(Delivered::new),
                Multi.createFrom().<Item>item(new CaughtUp()),
                listener.alerts().select().where(alert -> !replayed.contains(alert.alertId())).<Item>map(Delivered::new));
    }
}
