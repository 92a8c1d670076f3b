package io.warmline.scoring.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.warmline.scoring.domain.Factor;
import io.warmline.scoring.persistence.LeadScore;
import io.warmline.scoring.persistence.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lead's scores over time, with why. A lead that was linked to an earlier one (the same person again) has no
 * scores of its own: its signals were scored on the earlier lead, whose history it shows.
 */
@ApplicationScoped
public class ScoreHistory {

    private static final TypeReference<List<Factor>> FACTORS = new TypeReference<>() {
    };
    private final Mutiny.SessionFactory sessions;
    private final EvidenceLog evidence;
    private final StoredJson json;

    ScoreHistory(Mutiny.SessionFactory sessions, EvidenceLog evidence, StoredJson json) {
        this.sessions = sessions;
        this.evidence = evidence;
        this.json = json;
    }

    /** @param linkedTo the earlier lead whose scores these are, or null for the lead's own */
    public record Story(UUID leadId, UUID linkedTo, List<Line> scores) {
    }

    /** @param sourceLeadId the lead id of the event that caused this score; null for a decay re-score */
    public record Line(Instant scoredAt, String trigger, UUID sourceLeadId, int score, String tier, int modelVersion,
                       Instant respondBy, List<Factor> factors) {
    }

    /** The lead's story, or null when scoring has never heard of it. */
    public Uni<Story> of(UUID leadId) {
        return sessions.withSession(session -> evidence.linkedTo(session, leadId)
                .chain(linkedTo -> lines(session, linkedTo != null ? linkedTo : leadId)
                        .chain(lines -> !lines.isEmpty() || linkedTo != null
                                ? Uni.createFrom().item(new Story(leadId, linkedTo, lines))
                                : known(session, leadId).map(known -> known ? new Story(leadId, null, lines) : null))));
    }

    private Uni<List<Line>> lines(Mutiny.Session session, UUID leadId) {
        return session.createSelectionQuery("from LeadScore where leadId = :id order by scoredAt, id", LeadScore.class)
                .setParameter("id", leadId)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new Line(row.scoredAt, row.trigger, row.sourceLeadId,
                        row.score, row.tier, row.modelVersion, row.respondBy, json.read(row.factors, FACTORS)))
                        .toList());
    }

    /** Known but never scored: only later leads linked to it have arrived so far. */
    private Uni<Boolean> known(Mutiny.Session session, UUID leadId) {
        return session.createSelectionQuery("select count(*) from LeadEvidence where leadId = :id", Long.class)
                .setParameter("id", leadId)
                .getSingleResult()
                .map(count -> count > 0);
    }
}
