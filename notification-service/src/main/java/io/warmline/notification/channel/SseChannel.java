package io.warmline.notification.channel;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.service.AlertHistory;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The rep's live stream: the reminder is stored as a new event of the rep's stream (so a reconnect replays it) and
 * pushed to the rep's open streams on every replica. Stored is delivered: the rep sees it on the next connect at the
 * latest.
 */
@ApplicationScoped
public class SseChannel implements Channel {

    private final Mutiny.SessionFactory sessions;
    private final AlertHistory history;

    SseChannel(Mutiny.SessionFactory sessions, AlertHistory history) {
        this.sessions = sessions;
        this.history = history;
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
                // Its commit reaches the rep's open streams on every replica (LiveAlerts).
                .replaceWithVoid();
    }
}
