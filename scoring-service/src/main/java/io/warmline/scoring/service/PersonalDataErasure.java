package io.warmline.scoring.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.persistence.ErasedJson;
import io.warmline.scoring.messaging.LeadErased;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;


/**
 * Applies a {@code LeadErased}, once: the notes the lead's events brought (its evidence, wherever it counts) and the
 * personal fields of its kept details go; its scores, signals and times stay for the metrics and re-scoring.
 */
@ApplicationScoped
public class PersonalDataErasure {

    private final Mutiny.SessionFactory sessions;

    PersonalDataErasure(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Void> erased(EventEnvelope event, LeadErased erased) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                                "UPDATE lead_evidence SET notes = NULL WHERE source_lead_id = :id")
                        .setParameter("id", event.leadId())
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("UPDATE lead SET details = "
                                        + ErasedJson.of("details") + " WHERE lead_id = :id")
                                .setParameter("id", event.leadId())
                                .executeUpdate())
                        .replaceWithVoid());
    }
}
