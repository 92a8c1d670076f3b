package io.warmline.scoring.service;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.persistence.LeadKeys;
import io.warmline.scoring.domain.ScoreTrigger;
import io.warmline.scoring.domain.Signal;
import io.warmline.scoring.messaging.LeadReceived;
import io.warmline.scoring.persistence.Lead;
import io.warmline.scoring.persistence.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a {@code LeadReceived}, once however often it is delivered. Its signals become evidence of the lead they
 * count for: the lead itself, or the earlier lead intake linked it to (the same person again). That lead is then
 * scored: a first score when it is its own arrival, a re-score on a new signal otherwise; both are announced.
 *
 * <p>A linked lead may arrive before the lead it is linked to (their events travel on different partitions): its
 * evidence then waits, and the earlier lead's first score includes it.
 */
@ApplicationScoped
public class LeadScoring {

    private final Mutiny.SessionFactory sessions;
    private final EvidenceLog evidence;
    private final Models models;
    private final ScoreRecorder recorder;
    private final StoredJson json;
    private final Clock clock;
    private final LeadKeys keys;

    LeadScoring(Mutiny.SessionFactory sessions, EvidenceLog evidence, Models models,
                ScoreRecorder recorder, StoredJson json, Clock clock, LeadKeys keys) {
        this.keys = keys;
        this.sessions = sessions;
        this.evidence = evidence;
        this.models = models;
        this.recorder = recorder;
        this.json = json;
        this.clock = clock;
    }

    /** True when a score was announced, false for evidence that waits for its lead. */
    public Uni<Boolean> received(EventEnvelope event, LeadReceived received) {
        List<Signal> signals = received.allSignals(event);
        Instant now = clock.instant();
        return sessions.withTransaction(session -> notes(session, event, received).chain(notes ->
                countsFor(session, event, received).chain(leadId ->
                        evidence.append(session, leadId, event.leadId(), event.eventId(), signals, notes, now)
                                .chain(() -> lockedLead(session, leadId))
                                .chain(lead -> score(session, lead, event, now)))));
    }

    /**
     * The qualifying notes: in clear in a v1 event; in v2 sealed under the lead's data key, which is locked until
     * this transaction commits (an erasure then waits for it, and its event finds the notes stored), or gone when
     * the lead was erased first (then there are no notes to count).
     */
    private Uni<String> notes(Mutiny.Session session, EventEnvelope event, LeadReceived received) {
        return keys.open(session, event.leadId(), received.personal())
                .map(opened -> opened.map(fields -> fields.path("notes").asText(null)).orElse(received.notes()));
    }

    /** The lead this event's signals count for; a link to a lead that was itself linked leads to the first one. */
    private Uni<UUID> countsFor(Mutiny.Session session, EventEnvelope event, LeadReceived received) {
        if (received.linkedLeadId() == null || received.linkedLeadId().equals(event.leadId())) {
            return Uni.createFrom().item(event.leadId());
        }
        return evidence.linkedTo(session, received.linkedLeadId())
                .map(first -> first != null ? first : received.linkedLeadId());
    }

    /**
     * The lead's row, locked for this transaction. Inserting it first (a placeholder when unknown) means that every
     * event for one lead, whichever partition it came on, takes its turn here, so none is scored on stale evidence.
     */
    private Uni<Lead> lockedLead(Mutiny.Session session, UUID leadId) {
        return session.createNativeQuery("INSERT INTO lead (lead_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", leadId)
                .executeUpdate()
                .chain(() -> session.find(Lead.class, leadId, LockMode.PESSIMISTIC_WRITE));
    }

    private Uni<Boolean> score(Mutiny.Session session, Lead lead, EventEnvelope event, Instant now) {
        boolean ownArrival = lead.leadId.equals(event.leadId());
        if (!lead.isReceived() && !ownArrival) {
            return Uni.createFrom().item(false);
        }
        ScoreTrigger trigger = lead.isReceived() ? ScoreTrigger.NEW_SIGNAL : ScoreTrigger.RECEIVED;
        if (!lead.isReceived()) {
            lead.details = json.write(event.data());
            lead.receivedAt = now;
        }
        return models.active(session)
                .chain(model -> evidence.of(session, Set.of(lead.leadId))
                        .map(all -> model.score(all.get(lead.leadId), now)))
                .chain(warmth -> recorder.record(session, lead, warmth, trigger, event.leadId(), now))
                .replaceWith(true);
    }
}
