package io.warmline.notification.service;

import io.smallrye.mutiny.Multi;
import io.warmline.notification.config.AlertsConfig;
import io.warmline.notification.domain.Alert;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * A rep's alert stream: the stored alerts they missed, a caught-up marker, then live alerts as they are committed,
 * with a keep-alive now and then, each alert once and in its rep's stream order. It listens before it reads the
 * stored alerts, so an alert committed during the read is not lost; a live alert the read already returned is
 * dropped, so none is sent twice.
 */
@ApplicationScoped
public class AlertFeed {

    /** What the stream carries. */
    public sealed interface Item permits Delivered, CaughtUp, KeepAlive {
    }

    public record Delivered(StreamedAlert streamed) implements Item {
        public Alert alert() {
            return streamed.alert();
        }
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

    /** @param after the last stream position the rep received (Last-Event-ID), or null for a fresh connection */
    public Multi<Item> follow(String repId, Long after) {
        Multi<Item> alerts = Multi.createFrom().deferred(() -> {
            LiveAlerts.Listener listener = live.listen(repId);
            return history.replay(repId, after)
                    .onItem().transformToMulti(replay -> replayThenLive(replay.after(), replay.alerts(), listener))
                    .onTermination().invoke(listener::close);
        });
        Multi<Item> keepAlive = Multi.createFrom().ticks()
                .startingAfter(config.heartbeatInterval()).every(config.heartbeatInterval())
                .onOverflow().drop()
                .<Item>map(tick -> new KeepAlive());
        return Multi.createBy().merging().streams(alerts, keepAlive);
    }

    private static Multi<Item> replayThenLive(Long after, List<StreamedAlert> stored, LiveAlerts.Listener listener) {
        // Positions of one rep commit in order (AlertHistory.store), so whatever the replay did not return is after
        // the last one it did: a live alert at or before it was replayed already.
        long replayed = stored.isEmpty() ? (after == null ? 0 : after) : stored.get(stored.size() - 1).position();
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().iterable(stored).<Item>map(Delivered::new),
                Multi.createFrom().<Item>item(new CaughtUp()),
                listener.alerts().select().where(alert -> alert.position() > replayed).<Item>map(Delivered::new));
    }
}
