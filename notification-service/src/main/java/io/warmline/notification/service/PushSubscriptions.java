package io.warmline.notification.service;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.persistence.PushSubscription;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.util.List;

/** The browsers reps registered for Web Push. */
@ApplicationScoped
public class PushSubscriptions {

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;

    PushSubscriptions(Mutiny.SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Registers a browser; registering the same endpoint again (new keys, or another rep) replaces it. */
    public Uni<PushSubscription> register(String repId, String endpoint, String p256dh, String auth) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                                "DELETE FROM push_subscription WHERE endpoint = :endpoint")
                        .setParameter("endpoint", endpoint).executeUpdate()
                        .chain(() -> {
                            PushSubscription row = new PushSubscription();
                            row.repId = repId;
                            row.endpoint = endpoint;
                            row.p256dh = p256dh;
                            row.auth = auth;
                            row.createdAt = clock.instant();
                            return session.persist(row).replaceWith(row);
                        }));
    }

    public Uni<List<PushSubscription>> ofRep(Mutiny.Session session, String repId) {
        return session.createQuery("from PushSubscription where repId = :rep order by id", PushSubscription.class)
                .setParameter("rep", repId).getResultList();
    }

    public Uni<List<PushSubscription>> ofRep(String repId) {
        return sessions.withSession(session -> ofRep(session, repId));
    }

    public Uni<PushSubscription> find(long id) {
        return sessions.withSession(session -> session.find(PushSubscription.class, id));
    }

    /** Removes a subscription; true when the rep had it (a rep can remove only their own). */
    public Uni<Boolean> remove(String repId, long id) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "DELETE FROM push_subscription WHERE id = :id AND rep_id = :rep")
                .setParameter("id", id).setParameter("rep", repId).executeUpdate().map(deleted -> deleted == 1));
    }

    /** Removes a subscription the push service said expired. */
    public Uni<Void> remove(long id) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                "DELETE FROM push_subscription WHERE id = :id").setParameter("id", id).executeUpdate()).replaceWithVoid();
    }
}
