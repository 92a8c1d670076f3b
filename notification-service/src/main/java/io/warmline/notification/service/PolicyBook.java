package io.warmline.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.EscalationPolicy;
import io.warmline.notification.persistence.PolicyDocument;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.rest.AuditLog;
import io.warmline.platform.rest.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The escalation policies, versioned: publishing inserts the next version of a (tier, team) policy and never
 * changes an earlier one, so every assignment can say which version chased it.
 */
@ApplicationScoped
public class PolicyBook {

    private static final String LATEST = """
            SELECT version, definition FROM escalation_policy WHERE tier = :tier AND team_id = :team
             ORDER BY version DESC LIMIT 1""";
    /** The team's own latest version, else the tier default's: one statement for the two lookups of a lead. */
    private static final String OWN_OR_DEFAULT = """
            SELECT version, team_id, definition FROM escalation_policy
             WHERE tier = :tier AND team_id IN (:team, :any)
             ORDER BY team_id = :any, version DESC LIMIT 1""";

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditLog audit;
    /** Read policies by tier, team and version: a version never changes once stored, so it is read once for good. */
    private final Map<List<Object>, EscalationPolicy> versions = new ConcurrentHashMap<>();

    PolicyBook(Mutiny.SessionFactory sessions, ObjectMapper json, Clock clock, AuditLog audit) {
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
    }

    /** The policy for a lead of this tier and team: the team's own, else the tier's default; null for neither. */
    public Uni<EscalationPolicy> current(Mutiny.Session session, String tier, String teamId) {
        return session.createNativeQuery(OWN_OR_DEFAULT, Object[].class)
                .setParameter("tier", tier)
                .setParameter("team", teamId == null ? EscalationPolicy.ANY_TEAM : teamId)
                .setParameter("any", EscalationPolicy.ANY_TEAM)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : read(tier, (String) rows.get(0)[1], rows.get(0)[0], rows.get(0)[2]));
    }

    public Uni<EscalationPolicy> current(String tier, String teamId) {
        return sessions.withSession(session -> latest(session, tier, teamId));
    }

    /**
     * Validates and stores the next version; refuses an invalid policy field by field (422): the problems of its
     * shape as sent ({@code unreadable}), then those of the policy's rules on fields not already named.
     */
    public Uni<EscalationPolicy> publish(String tier, String teamId, PolicyDocument document,
                                         List<FieldProblem> unreadable, String by) {
        EscalationPolicy candidate = document.toPolicy(tier, teamId, 0);
        List<FieldProblem> problems = new ArrayList<>(unreadable);
        Set<String> named = unreadable.stream().map(FieldProblem::field).collect(Collectors.toSet());
        candidate.problems().stream().filter(problem -> !named.contains(problem.field())).forEach(problems::add);
        if (!problems.isEmpty()) {
            throw new Problem(422, "invalid-policy", "Unprocessable Content",
                    "the policy is not usable; fix the fields listed in errors", problems, null);
        }
        return sessions.withTransaction(session -> session.createNativeQuery(
                                "SELECT COALESCE(MAX(version), 0) + 1 FROM escalation_policy "
                                        + "WHERE tier = :tier AND team_id = :team", Integer.class)
                        .setParameter("tier", tier).setParameter("team", teamId).getSingleResult()
                        .chain(version -> session.createNativeQuery("""
                                        INSERT INTO escalation_policy (tier, team_id, version, definition, created_at, created_by)
                                        VALUES (:tier, :team, :version, :definition, :at, :by)""")
                                .setParameter("tier", tier).setParameter("team", teamId)
                                .setParameter("version", version)
                                .setParameter("definition", write(document))
                                .setParameter("at", clock.instant()).setParameter("by", by)
                                .executeUpdate()
                                .call(() -> audit.record(session, "escalation-policy.published", tier + "/" + teamId,
                                        Map.of("tier", tier, "teamId", teamId, "version", version)))
                                .replaceWith(candidate.asVersion(version))));
    }

    private Uni<EscalationPolicy> latest(Mutiny.Session session, String tier, String teamId) {
        return session.createNativeQuery(LATEST, Object[].class)
                .setParameter("tier", tier).setParameter("team", teamId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : read(tier, teamId, rows.get(0)[0], rows.get(0)[1]));
    }

    private EscalationPolicy read(String tier, String teamId, Object version, Object definition) {
        int number = ((Number) version).intValue();
        return versions.computeIfAbsent(List.of(tier, teamId, number), key -> {
            try {
                return json.readValue((String) definition, PolicyDocument.class).toPolicy(tier, teamId, number);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored policy " + tier + "/" + teamId + " is not readable", e);
            }
        });
    }

    private String write(PolicyDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
