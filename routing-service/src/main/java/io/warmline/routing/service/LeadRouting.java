package io.warmline.routing.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.Inbox;
import io.warmline.routing.config.RoutingConfig;
import io.warmline.routing.domain.ClosureReason;
import io.warmline.routing.domain.ConsentPolicy;
import io.warmline.routing.messaging.LeadScored;
import io.warmline.routing.persistence.RoutedLead;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Routes each scored lead once: to a rep now, or into the queue. Cold leads are not routed (no call, nurture);
 * a later score that warms one up routes it then. A lead without the prospect's consent to be called is closed at
 * once by the consent policy, before any rep could be given it.
 */
@ApplicationScoped
public class LeadRouting {

    private static final Logger LOG = Logger.getLogger(LeadRouting.class);

    private final Mutiny.SessionFactory sessions;
    private final Inbox inbox;
    private final Dispatcher dispatcher;
    private final Timeline timeline;
    private final QueueDrainer drainer;
    private final LeadClosing closing;
    private final ConsentPolicy consentPolicy;
    private final Clock clock;

    LeadRouting(Mutiny.SessionFactory sessions, Inbox inbox, Dispatcher dispatcher, Timeline timeline,
                QueueDrainer drainer, LeadClosing closing, RoutingConfig config, Clock clock) {
        this.sessions = sessions;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.timeline = timeline;
        this.drainer = drainer;
        this.closing = closing;
        this.consentPolicy = config.withoutConsent();
        this.clock = clock;
    }

    public Uni<Void> route(EventEnvelope envelope, LeadScored scored) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> inbox.firstDelivery(session, envelope.eventId(), now)
                .chain(first -> !first ? Uni.createFrom().item("already applied")
                        : session.find(RoutedLead.class, envelope.leadId(), LockMode.PESSIMISTIC_WRITE)
                        .chain(known -> {
                            if (known != null) {
                                // A re-score of a lead already routed: it reorders the queue, never routes twice.
                                return dispatcher.rescore(session, known, scored.score(), scored.tier(),
                                                scored.respondBy())
                                        .call(() -> timeline.record(session, known.leadId, "rescored",
                                                envelope.occurredAt(), null,
                                                Map.of("score", scored.score(), "tier", scored.tier())))
                                        .replaceWith("re-scored");
                            }
                            Optional<ClosureReason> withoutCall = consentPolicy.withoutCall(consent(scored.lead()));
                            if (withoutCall.isPresent()) {
                                return closeWithoutCall(session, envelope, scored, withoutCall.get(), now);
                            }
                            if ("cold".equals(scored.tier())) {
                                return Uni.createFrom().item("cold: not routed, left to nurture");
                            }
                            return firstRoute(session, envelope, scored, now);
                        })))
                .invoke(outcome -> {
                    LOG.debugf("lead %s (%s): %s", envelope.leadId(), scored.tier(), outcome);
                    if ("queued".equals(outcome)) {
                        drainer.drainSoon();
                    }
                })
                .replaceWithVoid();
    }

    private Uni<String> firstRoute(Mutiny.Session session, EventEnvelope envelope, LeadScored scored, Instant now) {
        RoutedLead lead = taken(scored, envelope);
        return recorded(session, envelope, scored, lead)
                .chain(() -> dispatcher.placeOrQueue(session, lead, lead.respondBy, null, now))
                .map(assignment -> assignment.isPresent() ? "assigned" : "queued");
    }

    /** Kept (so a later score finds it closed and routes nothing) and closed without ever entering the queue. */
    private Uni<String> closeWithoutCall(Mutiny.Session session, EventEnvelope envelope, LeadScored scored,
                                         ClosureReason reason, Instant now) {
        RoutedLead lead = taken(scored, envelope);
        return recorded(session, envelope, scored, lead)
                .chain(() -> closing.close(session, lead, null, null, reason, now))
                .replaceWith("closed without a call: " + reason);
    }

    private static RoutedLead taken(LeadScored scored, EventEnvelope envelope) {
        JsonNode details = scored.lead();
        RoutedLead lead = new RoutedLead();
        lead.leadId = envelope.leadId();
        lead.score = scored.score();
        lead.tier = scored.tier();
        lead.respondBy = scored.respondBy();
        lead.receivedAt = instant(details.path("receivedAt"));
        lead.region = text(details.path("contact").path("region"));
        lead.product = text(details.path("product"));
        lead.lead = details.toString();
        lead.status = RoutedLead.WAITING;
        return lead;
    }

    private Uni<Void> recorded(Mutiny.Session session, EventEnvelope envelope, LeadScored scored, RoutedLead lead) {
        JsonNode details = scored.lead();
        Instant received = lead.receivedAt != null ? lead.receivedAt : envelope.occurredAt();
        return session.persist(lead)
                .call(() -> timeline.record(session, lead.leadId, "received", received, null,
                        Map.of("vendorId", details.path("vendorId").asText(""))))
                .call(() -> timeline.record(session, lead.leadId, "scored", envelope.occurredAt(), null,
                        Map.of("score", scored.score(), "tier", scored.tier(),
                                "respondBy", String.valueOf(scored.respondBy()))))
                .replaceWithVoid();
    }

    /** The vendor's {@code consent.granted}; null when the lead carries no consent (events from before it). */
    private static Boolean consent(JsonNode details) {
        JsonNode granted = details == null ? null : details.path("consent").path("granted");
        return granted != null && granted.isBoolean() ? granted.asBoolean() : null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
