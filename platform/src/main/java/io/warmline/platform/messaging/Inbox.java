package io.warmline.platform.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Records the events this service applied ({@code processed_event}), inside the transaction that applies them: a
 * redelivery changes nothing. {@link EventReader} consults it before a handler runs (a batch's events in one
 * statement), so handlers see each event once.
 */
@ApplicationScoped
public class Inbox {

    /** Records these event ids in one statement; answers those seen for the first time. */
    Uni<Set<UUID>> recordAll(Mutiny.Session session, Collection<UUID> eventIds, Instant now) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return session.createNativeQuery("""
                        INSERT INTO processed_event (event_id, processed_at)
                        SELECT id, :at FROM unnest(cast(cast(:ids AS text) AS uuid[])) AS ids(id)
                        ON CONFLICT DO NOTHING RETURNING event_id""", UUID.class)
                // A PostgreSQL array literal: ids have no character it would need to quote.
                .setParameter("ids", "{" + String.join(",", eventIds.stream().map(UUID::toString).toList()) + "}")
                .setParameter("at", now)
                .getResultList()
                .map(HashSet::new);
    }
}
