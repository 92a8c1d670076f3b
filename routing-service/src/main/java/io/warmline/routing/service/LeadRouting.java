package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.routing.messaging.EventEnvelope;
import io.warmline.routing.messaging.Inbox;
import io.warmline.routing.messaging.LeadScored;
import io.warmline.routing.messaging.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Routes each scored lead once: to a rep now, or into the queue. Cold leads are not routed (no call, nurture).
 */
@ApplicationScoped
public class LeadRouting {

    private static final Logger LOG = Logger.getLogger(LeadRouting.class);

    private final Mutiny.SessionFactory sessions;
    private final Inbox inbox;
    private final Dispatcher dispatcher;
    private final OutboxRelay relay;
    private final Clock clock;

    LeadRouting(Mutiny.SessionFactory sessions, Inbox inbox, Dispatcher dispatcher, OutboxRelay relay, Clock clock) {
        this.sessions = sessions;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.relay = relay;
        this.clock = clock;
    }

    public Uni<Void> route(EventEnvelope envelope, LeadScored scored) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> inbox.firstDelivery(session, envelope.eventId(), now)
                .chain(first -> {
                    if (!first) {
                        return Uni.createFrom().item("already applied");
                    }
                    return dispatcher.known(session, envelope.leadId()).chain(known -> {
                        if (known) {
                            // A re-score of a lead already routed: it reorders the queue, never routes twice.
                            return dispatcher.rescore(session, envelope.leadId(), scored.score(), scored.tier(),
                                    scored.respondBy()).replaceWith("re-scored");
                        }
                        if ("cold".equals(scored.tier())) {
                            return Uni.createFrom().item("cold: not routed, left to nurture");
                        }
                        return dispatcher.assignOrQueue(session, new Dispatcher.ReadyLead(envelope.leadId(),
                                        scored.score(), scored.tier(), scored.respondBy(), scored.lead()), now)
                                .map(assigned -> assigned ? "assigned" : "queued");
                    });
                }))
                .invoke(outcome -> {
                    LOG.infof("lead %s (%s): %s", envelope.leadId(), scored.tier(), outcome);
                    if ("assigned".equals(outcome)) {
                        relay.wake();
                    }
                })
                .replaceWithVoid();
    }
}
