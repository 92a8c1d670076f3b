package io.warmline.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.scoring.domain.Warmth;
import io.warmline.scoring.domain.WarmthModel;
import io.warmline.scoring.messaging.EventEnvelope;
import io.warmline.scoring.messaging.Inbox;
import io.warmline.scoring.messaging.LeadReceived;
import io.warmline.scoring.messaging.LeadScored;
import io.warmline.scoring.messaging.Outbox;
import io.warmline.scoring.messaging.OutboxRelay;
import io.warmline.scoring.messaging.PoisonEvent;
import io.warmline.scoring.persistence.LeadScore;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;

/** Scores a received lead and announces it, once per {@code LeadReceived} event however often it is delivered. */
@ApplicationScoped
public class LeadScoring {

    private final Mutiny.SessionFactory sessions;
    private final Inbox inbox;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;
    private final WarmthModel model = WarmthModel.standard();

    LeadScoring(Mutiny.SessionFactory sessions, Inbox inbox, Outbox outbox, OutboxRelay relay, ObjectMapper json,
                Clock clock) {
        this.sessions = sessions;
        this.inbox = inbox;
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /** True when the lead was scored now, false when this event had been applied before. */
    public Uni<Boolean> score(EventEnvelope received, LeadReceived lead) {
        if (lead.signal() == null || lead.signal().occurredAt() == null || model.weight(lead.signal().type()).isEmpty()) {
            throw new PoisonEvent("LeadReceived " + received.eventId() + " has no known signal type", null);
        }
        Instant now = clock.instant();
        Warmth warmth = model.score(lead.signal().type(), lead.signal().occurredAt(),
                lead.notes() != null && !lead.notes().isBlank(), now);
        return sessions.withTransaction(session -> inbox.firstDelivery(session, received.eventId(), now)
                .chain(first -> {
                    if (!first) {
                        return Uni.createFrom().item(false);
                    }
                    LeadScore row = new LeadScore();
                    row.leadId = received.leadId();
                    row.score = warmth.score();
                    row.tier = warmth.tier().wireName();
                    row.modelVersion = warmth.modelVersion();
                    row.factors = write(warmth);
                    row.respondBy = warmth.respondBy();
                    row.scoredAt = now;
                    LeadScored scored = new LeadScored(warmth.score(), warmth.tier().wireName(), warmth.factors(),
                            warmth.modelVersion(), warmth.respondBy(), now, received.data());
                    return session.persist(row)
                            .chain(() -> outbox.add(session, LeadScored.TOPIC, LeadScored.TYPE, LeadScored.VERSION,
                                    received.leadId(), now, scored))
                            .replaceWith(true);
                }))
                .invoke(scoredNow -> {
                    if (scoredNow) {
                        relay.wake();
                    }
                });
    }

    private String write(Warmth warmth) {
        try {
            return json.writeValueAsString(warmth.factors());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
