package io.warmline.notification.channel;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.service.AlertHistory;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.function.Function;

/**
 * The rep's live stream: the reminder is stored as a new event of the rep's stream (so a reconnect replays it) and
 * pushed to the rep's open streams on every replica. Stored is delivered: the rep sees it on the next connect at the
 * latest. So the delivery is marked delivered in the transaction that stores the event: a crash (or a database
 * outage) between this send and the dispatcher's record of it cannot send it again, and a second send of one
 * delivery stores nothing.
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
        return store(repId, notice, session -> Uni.createFrom().item(true));
    }

    @Override
    public Uni<Void> send(long deliveryId, String repId, Notice notice) {
        return store(repId, notice, session -> session.createNativeQuery("""
                        UPDATE delivery SET status = 'delivered', delivered_at = now()
                         WHERE id = :id AND status <> 'delivered'""")
                .setParameter("id", deliveryId).executeUpdate().map(updated -> updated == 1));
    }

    /** Stores the event if {@code first} says this is the delivery's first send, in one transaction with it. */
    private Uni<Void> store(String repId, Notice notice, Function<Mutiny.Session, Uni<Boolean>> first) {
        if (notice.alert() == null) {
            return Uni.createFrom().failure(new ChannelFailure("no alert of this lead to remind of", true));
        }
        return sessions.withTransaction(session -> first.apply(session).chain(isFirst -> !isFirst
                        ? Uni.createFrom().voidItem()
                        : history.store(session, notice.leadId(), repId,
                                id -> notice.alert().asNotice(id, notice.kind(), notice.message())).replaceWithVoid()))
                // Its commit reaches the rep's open streams on every replica (LiveAlerts).
                .replaceWithVoid();
    }
}
