package io.warmline.scoring.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.Outbox;
import io.warmline.scoring.domain.ScoreTrigger;
import io.warmline.scoring.domain.Warmth;
import io.warmline.scoring.messaging.LeadScored;
import io.warmline.scoring.persistence.Lead;
import io.warmline.scoring.persistence.LeadScore;
import io.warmline.scoring.persistence.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.UUID;

/**
 * Gives a lead a new score inside the caller's transaction: the lead's current score, a line in its score history,
 * and a {@code LeadScored} in the outbox, so none of them can exist without the others.
 */
@ApplicationScoped
public class ScoreRecorder {

    private final Outbox outbox;
    private final StoredJson json;
    private final MeterRegistry meters;

    ScoreRecorder(Outbox outbox, StoredJson json, MeterRegistry meters) {
        this.outbox = outbox;
        this.json = json;
        this.meters = meters;
    }

    /** @param sourceLeadId the lead id of the event that caused the score; null for a decay re-score */
    public Uni<Void> record(Mutiny.Session session, Lead lead, Warmth warmth, ScoreTrigger trigger,
                            UUID sourceLeadId, Instant now) {
        lead.score = warmth.score();
        lead.tier = warmth.tier().wireName();
        lead.respondBy = warmth.respondBy();
        lead.modelVersion = warmth.modelVersion();
        lead.scoredAt = now;
        lead.checkedAt = now;
        LeadScore history = new LeadScore();
        history.leadId = lead.leadId;
        history.score = warmth.score();
        history.tier = warmth.tier().wireName();
        history.modelVersion = warmth.modelVersion();
        history.factors = json.write(warmth.factors());
        history.respondBy = warmth.respondBy();
        history.scoredAt = now;
        history.trigger = trigger.wireName();
        history.sourceLeadId = sourceLeadId;
        LeadScored scored = new LeadScored(warmth.score(), warmth.tier().wireName(), warmth.factors(),
                warmth.modelVersion(), warmth.respondBy(), now, trigger.wireName(), json.tree(lead.details));
        return session.persist(history)
                .chain(() -> outbox.add(session, LeadScored.TOPIC, LeadScored.TYPE, LeadScored.VERSION, lead.leadId,
                        now, scored))
                .invoke(() -> meters.counter("warmline.leads.scored", "tier", warmth.tier().wireName(),
                        "trigger", trigger.wireName()).increment())
                .replaceWithVoid();
    }

    /** True when a new score differs from the lead's current one in what routing acts on. */
    public static boolean changes(Lead lead, Warmth warmth) {
        return lead.score == null || lead.score != warmth.score() || !warmth.tier().wireName().equals(lead.tier);
    }
}
