package io.warmline.notification.service;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.config.EscalationConfig;
import io.warmline.notification.persistence.PushSubscription;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.util.List;

/** The browsers reps registered for Web Push. */
@ApplicationScoped
public class PushSubscriptions {

    private final Mutiny.SessionFactory sessions;
    private final EscalationConfig config;
    private final Clock clock;

    PushSubscriptions(Mutiny.SessionFactory sessions, EscalationConfig config, Clock clock) {
        this.sessions = sessions;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Registers a browser; registering the same endpoint again (new keys, or another rep) replaces it. Null when the
     * rep already has as many as allowed (counted under a lock on the rep, so two at once cannot pass the cap).
     */
    public Uni<PushSubscription> register(String repId, String endpoint, String p256dh, String auth) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                                "DELETE FROM push_subscription WHERE endpoint = :endpoint")
                        .setParameter("endpoint", endpoint).executeUpdate()
                        .chain(() -> session.createNativeQuery(
                                        "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:rep))) AS locked")
                                .setParameter("rep", "push_subscription:" + repId).getSingleResult())
                        .chain(() -> session.createNativeQuery(
                                        "SELECT count(*) FROM push_subscription WHERE rep_id = :rep")
                                .setParameter("rep", repId).getSingleResult())
                        .chain(count -> {
                            if (((Number) count).intValue() >= config.webPush().maxSubscriptionsPerRep()) {
                                return Uni.createFrom().<PushSubscription>nullItem();
                            }
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
