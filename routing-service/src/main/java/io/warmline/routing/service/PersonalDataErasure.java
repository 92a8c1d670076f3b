package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.persistence.ErasedJson;
import io.warmline.routing.messaging.LeadErased;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;


/**
 * Applies a {@code LeadErased}, once: the personal fields of routing's copy of the lead and the notes reps logged with
 * their calls go; assignments, follow-up outcomes, the timeline and the report's figures stay.
 */
@ApplicationScoped
public class PersonalDataErasure {

    private final Mutiny.SessionFactory sessions;

    PersonalDataErasure(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Void> erased(EventEnvelope event, LeadErased erased) {
        return sessions.withTransaction(session -> session.createNativeQuery("UPDATE routed_lead SET lead = "
                                + ErasedJson.of("lead") + " WHERE lead_id = :id")
                        .setParameter("id", event.leadId())
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery(
                                        "UPDATE follow_up SET notes = NULL WHERE lead_id = :id")
                                .setParameter("id", event.leadId())
                                .executeUpdate())
                        .replaceWithVoid());
    }
}
