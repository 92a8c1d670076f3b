package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.LeadSubmission;
import io.warmline.intake.messaging.LeadReceived;
import io.warmline.intake.messaging.Outbox;
import io.warmline.intake.messaging.OutboxRelay;
import io.warmline.intake.persistence.Lead;
import io.warmline.intake.persistence.WebhookMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.UUID;

/**
 * Stores a vendor's lead and its {@code LeadReceived} event in one transaction, exactly once per vendor lead id
 * and per webhook message id, however many copies arrive and however they race.
 */
@ApplicationScoped
public class LeadIntake {

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final OutboxRelay relay;

    LeadIntake(Mutiny.SessionFactory sessions, Outbox outbox, OutboxRelay relay) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** The lead's id, and whether this call created it (false: a duplicate or a replay of one already stored). */
    public record Outcome(UUID leadId, boolean created) {
    }

    public Uni<Outcome> receive(String vendorId, String messageId, LeadSubmission submission, Instant now) {
        return sessions.withTransaction(session -> existing(session, vendorId, messageId, submission.vendorLeadId())
                        .chain(found -> found != null
                                ? Uni.createFrom().item(new Outcome(found, false))
                                : store(session, vendorId, messageId, submission, now)))
                .onFailure(UniqueViolation::test)
                .recoverWithUni(() -> sessions.withSession(session ->
                        existing(session, vendorId, messageId, submission.vendorLeadId()))
                        .map(found -> new Outcome(found, false)))
                .invoke(outcome -> {
                    if (outcome.created()) {
                        relay.wake();
                    }
                });
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
                               Instant now) {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.vendorId = vendorId;
        lead.vendorLeadId = submission.vendorLeadId();
        lead.contactName = submission.name();
        lead.phone = submission.phone();
        lead.email = submission.email();
        lead.company = submission.company();
        lead.region = submission.region();
        lead.interest = submission.interest();
        lead.notes = submission.notes();
        lead.signalType = submission.signalType().wireName();
        lead.signalAt = submission.signalAt();
        lead.receivedAt = now;
        WebhookMessage message = new WebhookMessage();
        message.key = new WebhookMessage.Key(vendorId, messageId);
        message.leadId = lead.id;
        message.receivedAt = now;
        LeadReceived event = new LeadReceived(vendorId, lead.vendorLeadId, now,
                new LeadReceived.Contact(lead.contactName, lead.phone, lead.email, lead.company, lead.region),
                lead.interest, lead.notes, new LeadReceived.Signal(lead.signalType, lead.signalAt));
        return session.persist(lead)
                .chain(session::flush)
                .chain(() -> session.persist(message))
                .chain(() -> outbox.add(session, LeadReceived.TOPIC, LeadReceived.TYPE, LeadReceived.VERSION,
                        lead.id, now, event))
                .replaceWith(new Outcome(lead.id, true));
    }
}
