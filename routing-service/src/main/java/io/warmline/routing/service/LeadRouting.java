package io.warmline.routing.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.AfterCommit;
import io.warmline.routing.config.RoutingConfig;
import io.warmline.routing.domain.CallWindow;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes each scored lead once: to a rep now, or into the queue. Cold leads are not routed (no call, nurture);
 * a later score that warms one up routes it then. A lead without the prospect's consent to be called is closed at
 * once by the consent policy, before any rep could be given it. A lead whose call window opens later waits in the
 * queue, offered to nobody, until it opens.
 */
@ApplicationScoped
public class LeadRouting {

    private static final Logger LOG = Logger.getLogger(LeadRouting.class);

    private final Mutiny.SessionFactory sessions;
    private final AfterCommit afterCommit;
    private final Dispatcher dispatcher;
    private final Timeline timeline;
    private final QueueDrainer drainer;
    private final LeadClosing closing;
    private final ConsentPolicy consentPolicy;
    private final Clock clock;

    LeadRouting(Mutiny.SessionFactory sessions, AfterCommit afterCommit, Dispatcher dispatcher, Timeline timeline,
                QueueDrainer drainer, LeadClosing closing, RoutingConfig config, Clock clock) {
        this.sessions = sessions;
        this.afterCommit = afterCommit;
        this.dispatcher = dispatcher;
        this.timeline = timeline;
        this.drainer = drainer;
        this.closing = closing;
        this.consentPolicy = config.withoutConsent();
        this.clock = clock;
    }

    public Uni<Void> route(EventEnvelope envelope, LeadScored scored) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(RoutedLead.class, envelope.leadId(),
                        LockMode.PESSIMISTIC_WRITE)
                        .chain(known -> {
                            if (known != null) {
                                // A re-score of a lead already routed: it reorders the queue, never routes twice.
                                return dispatcher.rescore(session, known, scored.score(), scored.tier(),
                                                respondBy(scored, envelope))
                                        .call(() -> timeline.record(session, known.leadId, "rescored",
                                                envelope.occurredAt(), null,
                                                Map.of("score", scored.score(), "tier", scored.tier())))
                                        .replaceWith("re-scored");
                            }
                            Optional<ClosureReason> withoutCall = consentPolicy.withoutCall(LeadDetails.consent(scored.lead()));
                            if (withoutCall.isPresent()) {
                                return closeWithoutCall(session, envelope, scored, withoutCall.get(), now);
                            }
                            if ("cold".equals(scored.tier())) {
                                return Uni.createFrom().item("cold: not routed, left to nurture");
                            }
                            return firstRoute(session, envelope, scored, now);
                        }))
                .invoke(outcome -> {
                    LOG.debugf("lead %s (%s): %s", envelope.leadId(), scored.tier(), outcome);
                    if ("queued".equals(outcome)) {
                        afterCommit.run(drainer::drainSoon);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<String> firstRoute(Mutiny.Session session, EventEnvelope envelope, LeadScored scored, Instant now) {
        RoutedLead lead = taken(scored, envelope);
        Optional<CallWindow> window = LeadDetails.callWindow(scored.lead()).filter(w -> w.opensAfter(now));
        List<Timeline.Entry> story = story(envelope, scored, lead);
        if (window.isPresent()) {
            return session.persist(lead)
                    .chain(() -> dispatcher.queueUntilWindow(session, lead, lead.respondBy, window.get().from(), now,
                            story))
                    .replaceWith("waiting for its call window");
        }
        // Stored once placed, so its row is written once, as assigned or waiting (no table refers to it).
        return dispatcher.placeOrQueue(session, lead, lead.respondBy, null, now, story)
                .call(() -> session.persist(lead))
                .map(assignment -> assignment.isPresent() ? "assigned" : "queued");
    }

    /** The tier's respond-by, counted from the lead's call window's start when it opens later (see CallWindow). */
    private static Instant respondBy(LeadScored scored, EventEnvelope envelope) {
        if (scored.respondBy() == null) {
            return null;
        }
        Instant scoredAt = scored.scoredAt() != null ? scored.scoredAt() : envelope.occurredAt();
        return LeadDetails.callWindow(scored.lead())
                .map(window -> window.respondBy(scored.respondBy(), scoredAt))
                .orElse(scored.respondBy());
    }

    /** Kept (so a later score finds it closed and routes nothing) and closed without ever entering the queue. */
    private Uni<String> closeWithoutCall(Mutiny.Session session, EventEnvelope envelope, LeadScored scored,
                                         ClosureReason reason, Instant now) {
        RoutedLead lead = taken(scored, envelope);
        return session.persist(lead)
                .chain(() -> timeline.record(session, story(envelope, scored, lead)))
                .chain(() -> closing.close(session, lead, null, null, reason, now))
                .replaceWith("closed without a call: " + reason);
    }

    /** The lead as routing keeps it, its respond-by counted from its call window when it has one. */
    private static RoutedLead taken(LeadScored scored, EventEnvelope envelope) {
        JsonNode details = scored.lead();
        RoutedLead lead = new RoutedLead();
        lead.leadId = envelope.leadId();
        lead.score = scored.score();
        lead.tier = scored.tier();
        lead.respondBy = respondBy(scored, envelope);
        lead.receivedAt = LeadDetails.instant(details.path("receivedAt"));
        lead.region = text(details.path("contact").path("region"));
        lead.product = text(details.path("product"));
        lead.details(details);
        lead.status = RoutedLead.WAITING;
        return lead;
    }

    /** The lead's first steps, written with what routing does with it (one statement: see Timeline). */
    private static List<Timeline.Entry> story(EventEnvelope envelope, LeadScored scored, RoutedLead lead) {
        JsonNode details = scored.lead();
        Instant received = lead.receivedAt != null ? lead.receivedAt : envelope.occurredAt();
        return List.of(
                new Timeline.Entry(lead.leadId, "received", received, null,
                        Map.of("vendorId", details.path("vendorId").asText(""))),
                new Timeline.Entry(lead.leadId, "scored", envelope.occurredAt(), null,
                        Map.of("score", scored.score(), "tier", scored.tier(),
                                "respondBy", String.valueOf(lead.respondBy))));
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
