package io.warmline.platform.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.UUID;

/**
 * Records the events this service applied ({@code processed_event}), inside the transaction that applies them: a
 * redelivery changes nothing.
 */
@ApplicationScoped
public class Inbox {

    /** True the first time this event id is seen; false for a redelivery (the caller then does nothing). */
    public Uni<Boolean> firstDelivery(Mutiny.Session session, UUID eventId, Instant now) {
        return session.createNativeQuery(
                        "INSERT INTO processed_event (event_id, processed_at) VALUES (:id, :at) ON CONFLICT DO NOTHING")
                .setParameter("id", eventId)
                .setParameter("at", now)
                .executeUpdate()
                .map(inserted -> inserted == 1);
    }
}
