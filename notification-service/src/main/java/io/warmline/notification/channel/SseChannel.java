package io.warmline.notification.channel;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.service.AlertHistory;
import io.warmline.notification.service.LiveAlerts;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The rep's live stream: the reminder is stored as a new event of the rep's stream (so a reconnect replays it) and
 * pushed to the streams open here. Stored is delivered: the rep sees it on the next connect at the latest.
 */
@ApplicationScoped
public class SseChannel implements Channel {

    private final Mutiny.SessionFactory sessions;
    private final AlertHistory history;
    private final LiveAlerts live;

    SseChannel(Mutiny.SessionFactory sessions, AlertHistory history, LiveAlerts live) {
        this.sessions = sessions;
        this.history = history;
        this.live = live;
    }

    @Override
    public String name() {
        return SSE;
    }

    @Override
    public Uni<Void> send(String repId, Notice notice) {
        if (notice.alert() == null) {
            return Uni.createFrom().failure(new ChannelFailure("no alert of this lead to remind of", true));
        }
        return sessions.withTransaction(session -> history.store(session, notice.leadId(), repId,
                        id -> notice.alert().asNotice(id, notice.kind(), notice.message())))
                // After the commit, as for the alert itself.
                .invoke(live::publish)
                .replaceWithVoid();
    }
}
