package io.warmline.notification.service;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.messaging.LeadErased;
import io.warmline.platform.messaging.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;


/**
 * Applies a {@code LeadErased}, once: the lead's alerts (and the reminders on the reps' streams) and the notices of
 * its deliveries lose the contact's name, phone, email, interest, notes and the opening line that quotes them; tiers,
 * deadlines, timers and delivery states stay. What was already sent (an email, a team webhook, a push) is in its
 * recipient's hands; nothing here can reach it.
 */
@ApplicationScoped
public class PersonalDataErasure {

    private static final String ERASED = "'{\"name\":null,\"phone\":null,\"telLink\":null,\"email\":null,"
            + "\"interest\":null,\"notes\":null,\"openingLine\":null}'::jsonb";

    private final Mutiny.SessionFactory sessions;
    private final LeadProgressBook progress;

    PersonalDataErasure(Mutiny.SessionFactory sessions, LeadProgressBook progress) {
        this.sessions = sessions;
        this.progress = progress;
    }

    public Uni<Void> erased(EventEnvelope event, LeadErased erased) {
        // The lead's progress row first, as every consumer of a lead's events takes it: an alert being stored for
        // the lead on another replica has committed by the time this reads the alerts. Then its pending timers: a
        // reminder being fired (claimed FOR UPDATE SKIP LOCKED, copying the alert) commits before the updates below,
        // each of which reads what is committed when it starts; a timer claimed after this reads the erased alert.
        return sessions.withTransaction(session -> progress.lock(session, event.leadId())
                        .chain(() -> session.createNativeQuery("SELECT 1 FROM escalation_timer "
                                        + "WHERE lead_id = :id AND state = 'pending' FOR UPDATE")
                                .setParameter("id", event.leadId())
                                .getResultList())
                        .chain(() -> session.createNativeQuery("UPDATE alert SET payload = (payload::jsonb || "
                                        + ERASED + ")::text WHERE lead_id = :id")
                                .setParameter("id", event.leadId())
                                .executeUpdate())
                        .chain(() -> session.createNativeQuery("UPDATE delivery SET notice = jsonb_set("
                                        + "notice::jsonb, '{alert}', (notice::jsonb -> 'alert') || " + ERASED
                                        + ")::text WHERE lead_id = :id AND jsonb_typeof(notice::jsonb -> 'alert')"
                                        + " = 'object'")
                                .setParameter("id", event.leadId())
                                .executeUpdate())
                        .replaceWithVoid());
    }
}
