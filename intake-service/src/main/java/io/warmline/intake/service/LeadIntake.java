package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.config.IntakeConfig;
import io.warmline.intake.domain.LeadSubmission;
import io.warmline.intake.domain.Milestone;
import io.warmline.intake.messaging.LeadReceived;
import io.warmline.intake.persistence.Lead;
import io.warmline.intake.persistence.LeadMilestone;
import io.warmline.intake.persistence.WebhookMessage;
import io.warmline.platform.messaging.Outbox;
import io.warmline.platform.persistence.LeadKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores a vendor's lead and its {@code LeadReceived} event in one transaction, exactly once per vendor lead id
 * and per webhook message id, however many copies arrive and however they race. A lead for a person another
 * vendor sent within the window is stored linked to that earlier lead, and its event says so.
 */
@ApplicationScoped
public class LeadIntake {

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final SamePerson samePerson;
    private final IntakeConfig config;
    private final LeadKeys keys;

    LeadIntake(Mutiny.SessionFactory sessions, Outbox outbox, SamePerson samePerson,
               IntakeConfig config, LeadKeys keys) {
        this.keys = keys;
        this.sessions = sessions;
        this.outbox = outbox;
        this.samePerson = samePerson;
        this.config = config;
    }

    /** The lead's id, and whether this call created it (false: a duplicate or a replay of one already stored). */
    public record Outcome(UUID leadId, boolean created) {
    }

    /** The lead a webhook message id created, when the vendor used that id before: a replay. */
    public Uni<Optional<UUID>> replayOf(String vendorId, String messageId) {
        return sessions.withSession(session -> session.find(WebhookMessage.class,
                new WebhookMessage.Key(vendorId, messageId))).map(message -> Optional.ofNullable(message)
                .map(found -> found.leadId));
    }

    /**
     * Stores the lead unless its vendor lead id is known. The message id was looked up by {@link #replayOf} before
     * the body was read; the insert that claims it settles a copy that raced this one.
     */
    public Uni<Outcome> receive(String vendorId, String messageId, LeadSubmission submission, Instant now) {
        return sessions.withTransaction(session -> session.createSelectionQuery(
                                "select id from Lead where vendorId = :vendor and vendorLeadId = :lead", UUID.class)
                        .setParameter("vendor", vendorId)
                        .setParameter("lead", submission.vendorLeadId())
                        .getSingleResultOrNull()
                        .chain(found -> found != null
                                ? Uni.createFrom().item(new Outcome(found, false))
                                : samePerson.earlierLead(session, vendorId, submission, now.minus(config.samePersonWindow()))
                                        .chain(linked -> store(session, vendorId, messageId, submission, linked, now))))
                // A copy that raced this one and committed first won, or the message id was used before (a replay):
                // answer with its lead.
                .onFailure(failure -> UniqueViolation.test(failure) || failure instanceof Replayed)
                .recoverWithUni(() -> sessions.withSession(session ->
                        existing(session, vendorId, messageId, submission.vendorLeadId()))
                        .map(found -> new Outcome(found, false)));
    }

    /** The message id was used before: everything this transaction wrote is rolled back. */
    private static final class Replayed extends RuntimeException {
        Replayed() {
            super("webhook message id used before", null, false, false);
        }
    }

    private Uni<UUID> existing(Mutiny.Session session, String vendorId, String messageId, String vendorLeadId) {
        return session.find(WebhookMessage.class, new WebhookMessage.Key(vendorId, messageId))
                .chain(message -> message != null
                        ? Uni.createFrom().item(message.leadId)
                        : session.createSelectionQuery(
                                        "select id from Lead where vendorId = :vendor and vendorLeadId = :lead",
                                        UUID.class)
                                .setParameter("vendor", vendorId)
                                .setParameter("lead", vendorLeadId)
                                .getSingleResultOrNull());
    }

    private Uni<Outcome> store(Mutiny.Session session, String vendorId, String messageId, LeadSubmission submission,
                               Optional<UUID> linkedLeadId, Instant now) {
        Lead lead = lead(vendorId, submission, linkedLeadId.orElse(null), now);
        LeadMilestone received = new LeadMilestone();
        received.leadId = lead.id;
        received.milestone = Milestone.RECEIVED.wireName();
        received.occurredAt = now;
        // The message id is claimed by the insert itself (a replay or a copy racing this one inserts nothing),
        // instead of being looked up first: one statement instead of two per lead.
        return session.persist(lead)
                .chain(session::flush)
                .chain(() -> session.createNativeQuery("""
                                INSERT INTO webhook_message (vendor_id, message_id, lead_id, received_at)
                                VALUES (:vendor, :message, :lead, :at) ON CONFLICT DO NOTHING""")
                        .setParameter("vendor", vendorId).setParameter("message", messageId)
                        .setParameter("lead", lead.id).setParameter("at", now)
                        .executeUpdate())
                .invoke(inserted -> {
                    if (inserted == 0) {
                        throw new Replayed();
                    }
                })
                .chain(() -> session.persist(received))
                // The lead's data key: its event carries the personal data sealed under it (erasure destroys it).
                .chain(() -> keys.create(session, lead.id, now))
                .chain(key -> outbox.add(session, LeadReceived.TOPIC, LeadReceived.TYPE, LeadReceived.VERSION,
                        lead.id, now, LeadReceived.of(lead, key)))
                .replaceWith(new Outcome(lead.id, true));
    }

    private static Lead lead(String vendorId, LeadSubmission submission, UUID linkedLeadId, Instant now) {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.vendorId = vendorId;
        lead.vendorLeadId = submission.vendorLeadId();
        lead.contactName = submission.name();
        lead.phone = submission.phone();
        lead.email = submission.email();
        lead.company = submission.company();
        lead.region = submission.region();
        lead.postcode = submission.postcode();
        lead.interest = submission.interest();
        lead.notes = submission.notes();
        lead.signalType = submission.signalType().wireName();
        lead.signalAt = submission.signalAt();
        if (submission.preferredCallWindow() != null) {
            lead.preferredCallFrom = submission.preferredCallWindow().from();
            lead.preferredCallTo = submission.preferredCallWindow().to();
            lead.preferredCallTimeZone = submission.preferredCallWindow().timeZone().getId();
        }
        if (submission.consent() != null) {
            lead.consentGranted = submission.consent().granted();
            lead.consentRecordedAt = submission.consent().recordedAt();
            lead.consentMethod = submission.consent().method();
        }
        lead.linkedLeadId = linkedLeadId;
        lead.receivedAt = now;
        return lead;
    }
}
