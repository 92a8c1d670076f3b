package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.ErasureTarget;
import io.warmline.intake.messaging.LeadErased;
import io.warmline.platform.messaging.Outbox;
import io.warmline.platform.messaging.OutgoingEvent;
import io.warmline.platform.persistence.LeadKeys;
import io.warmline.platform.rest.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Erases leads' personal data in intake and tells every other service, in one transaction: the contact's name,
 * phone, email, postcode, interest and notes are cleared (what the vendor's status and the metrics need stays), the
 * leads' data keys are destroyed (so their events on every topic, dead letters included, can no longer be read), and
 * a {@code LeadErased} per lead goes through the outbox. An operator's request is audited without the email or phone
 * it named; the retention job erases the leads closed longer ago than the retention period, a batch at a time.
 */
@ApplicationScoped
public class LeadErasure {

    /** The fields an erasure clears, as the answer names them. */
    public static final List<String> ERASED_FIELDS = List.of("name", "phone", "email", "postcode", "interest", "notes");

    private static final String CLEAR = """
            UPDATE lead SET contact_name = NULL, phone_e164 = NULL, email = NULL, postcode = NULL, interest = NULL,
                   notes = NULL, erased_at = :now
             WHERE id IN (:ids)""";

    private final Mutiny.SessionFactory sessions;
    private final LeadKeys keys;
    private final Outbox outbox;
    private final AuditLog audit;

    LeadErasure(Mutiny.SessionFactory sessions, LeadKeys keys, Outbox outbox, AuditLog audit) {
        this.sessions = sessions;
        this.keys = keys;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * What an erasure did: the leads erased now, those erased before (nothing left to erase), and the events
     * published.
     */
    public record Outcome(List<UUID> erased, List<UUID> alreadyErased) {
    }

    /** An operator's request; empty when it names a lead id intake never received. */
    public Uni<Optional<Outcome>> request(ErasureTarget target, Instant now) {
        return sessions.withTransaction(session -> matching(session, target).chain(found -> {
            if (target.kind() == ErasureTarget.Kind.LEAD && found.isEmpty()) {
                return Uni.createFrom().item(Optional.<Outcome>empty());
            }
            List<UUID> open = new ArrayList<>();
            List<UUID> done = new ArrayList<>();
            found.forEach(row -> (row.erased() ? done : open).add(row.id()));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("by", target.kind().wireName());
            detail.put("leads", open.size());
            detail.put("alreadyErased", done.size());
            // The subject names a lead id, never the email or phone the operator gave.
            String subject = target.kind() == ErasureTarget.Kind.LEAD ? target.leadId().toString()
                    : "by " + target.kind().wireName();
            return erase(session, open, LeadErased.REQUEST, now)
                    .call(() -> audit.record(session, "lead.erased", subject, detail))
                    .replaceWith(Optional.of(new Outcome(open, done)));
        }));
    }

    /** The retention period's work: leads closed before {@code closedBefore}, at most {@code batch}; how many. */
    public Uni<Integer> expired(Instant closedBefore, int batch, Instant now) {
        // Driven by closures, oldest first; SKIP LOCKED: two replicas' jobs take different leads.
        return sessions.withTransaction(session -> session.<Object>createNativeQuery("""
                                SELECT l.id FROM lead_milestone m JOIN lead l ON l.id = m.lead_id
                                 WHERE m.milestone = 'closed' AND m.occurred_at < :before AND l.erased_at IS NULL
                                 ORDER BY m.occurred_at LIMIT :batch
                                   FOR UPDATE OF l SKIP LOCKED""")
                        .setParameter("before", closedBefore)
                        .setParameter("batch", batch)
                        .getResultList()
                        .map(rows -> rows.stream().map(UUID.class::cast).distinct().toList())
                        .chain(ids -> erase(session, ids, LeadErased.RETENTION, now).replaceWith(ids.size())));
    }

    private record Found(UUID id, boolean erased) {
    }

    /** The leads the request names, locked until the erasure commits. */
    private static Uni<List<Found>> matching(Mutiny.Session session, ErasureTarget target) {
        String where = switch (target.kind()) {
            case LEAD -> "id = :value";
            case EMAIL -> "email = :value";
            case PHONE -> "phone_e164 = :value";
        };
        Object value = target.kind() == ErasureTarget.Kind.LEAD ? target.leadId() : target.contact();
        return session.<Object[]>createNativeQuery(
                        "SELECT id, erased_at FROM lead WHERE " + where + " ORDER BY received_at FOR UPDATE")
                .setParameter("value", value)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new Found((UUID) row[0], row[1] != null)).toList());
    }

    private Uni<Void> erase(Mutiny.Session session, List<UUID> ids, String reason, Instant now) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<OutgoingEvent> events = ids.stream().map(id -> OutgoingEvent.aboutLead(LeadErased.TOPIC, LeadErased.TYPE,
                LeadErased.VERSION, id, now, new LeadErased(reason, now))).toList();
        return session.createNativeQuery(CLEAR)
                .setParameter("now", now)
                .setParameter("ids", ids)
                .executeUpdate()
                .chain(() -> keys.destroy(session, ids))
                .chain(() -> outbox.addAll(session, events))
                .replaceWithVoid();
    }
}
