package io.warmline.notification.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.EscalationTimer;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.UUID;

/** The durable timers of leads: scheduled and cancelled inside the caller's transaction. */
@ApplicationScoped
public class EscalationTimers {

    // Text first: a string bound where jsonb is expected would arrive as one JSON string.
    private static final String INSERT_ALL = """
            INSERT INTO escalation_timer (lead_id, assignment_number, rep_id, kind, step, target, message, due_at, state)
            SELECT lead_id, assignment_number, rep_id, kind, step, target, message, due_at, 'pending'
              FROM jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb)) AS r(lead_id uuid, assignment_number int,
                   rep_id text, kind text, step int, target text, message text, due_at timestamptz)""";

    private final TimerPoller poller;
    private final ObjectMapper json;

    EscalationTimers(TimerPoller poller, ObjectMapper json) {
        this.poller = poller;
        this.json = json;
    }

    /**
     * Writes the timers as one statement (a lead's policy is several steps; one insert each cost a round trip and a
     * statement per step, the most frequent statement per lead in the benchmark's pg_stat_statements).
     */
    public Uni<Void> schedule(Mutiny.Session session, UUID leadId, int assignmentNumber, String repId,
                              List<EscalationTimer> timers) {
        if (timers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = json.createArrayNode();
        for (EscalationTimer timer : timers) {
            rows.addObject()
                    .put("lead_id", leadId.toString())
                    .put("assignment_number", assignmentNumber)
                    .put("rep_id", repId)
                    .put("kind", timer.kind().name())
                    .put("step", timer.step())
                    .put("target", timer.target() == null ? null : timer.target().wireName())
                    .put("message", timer.message())
                    .put("due_at", timer.dueAt().toString());
        }
        // Waking after the statement is early (not yet committed); the poller's own pace then picks it up.
        return session.createNativeQuery(INSERT_ALL).setParameter("rows", rows.toString()).executeUpdate()
                .invoke(() -> timers.stream().map(EscalationTimer::dueAt)
                        .min(java.util.Comparator.naturalOrder()).ifPresent(poller::wakeAt))
                .replaceWithVoid();
    }

    /** Cancels everything pending for the lead: a follow-up, a closed lead or a newer assignment. */
    public Uni<Integer> cancelPending(Mutiny.Session session, UUID leadId) {
        return session.createNativeQuery(
                        "UPDATE escalation_timer SET state = 'cancelled' WHERE lead_id = :lead AND state = 'pending'")
                .setParameter("lead", leadId)
                .executeUpdate();
    }

    /**
     * Gives the lead's pending timers (a follow-up's dated next step, logged before its assignment arrived) to the
     * assignment now current, so that they fire for it.
     */
    public Uni<Integer> handOver(Mutiny.Session session, UUID leadId, int assignmentNumber) {
        return session.createNativeQuery("UPDATE escalation_timer SET assignment_number = :number"
                        + " WHERE lead_id = :lead AND state = 'pending'")
                .setParameter("number", assignmentNumber)
                .setParameter("lead", leadId)
                .executeUpdate();
    }
}
