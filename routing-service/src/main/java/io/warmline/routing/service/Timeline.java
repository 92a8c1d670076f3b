package io.warmline.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smallrye.mutiny.Uni;
import io.warmline.routing.persistence.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes each step of a lead's story inside the transaction that made it, and reads the story back in order. */
@ApplicationScoped
public class Timeline {

    // Text first: a string bound where jsonb is expected would arrive as one JSON string.
    private static final String INSERT_ALL = """
            INSERT INTO timeline_entry (lead_id, kind, occurred_at, rep_id, detail)
            SELECT lead_id, kind, occurred_at, rep_id, detail
              FROM jsonb_to_recordset(cast(cast(:rows AS text) AS jsonb))
                   AS r(lead_id uuid, kind text, occurred_at timestamptz, rep_id text, detail text)""";

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;

    Timeline(Mutiny.SessionFactory sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /** One step to write: the lead, what happened, when, the rep it concerns if any, and what else to say. */
    public record Entry(UUID leadId, String kind, Instant at, String repId, Map<String, ?> detail) {
    }

    public Uni<Void> record(Mutiny.Session session, UUID leadId, String kind, Instant at, String repId,
                            Map<String, ?> detail) {
        return record(session, List.of(new Entry(leadId, kind, at, repId, detail)));
    }

    /**
     * Writes the steps in one statement, in the order given (their ids follow it: the story's order on a tie). A
     * lead's first routing writes three (received, scored, assigned): one insert each was the most frequent
     * statement per lead in the benchmark's pg_stat_statements.
     */
    public Uni<Void> record(Mutiny.Session session, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = json.createArrayNode();
        for (Entry entry : entries) {
            try {
                rows.addObject()
                        .put("lead_id", entry.leadId().toString())
                        .put("kind", entry.kind())
                        // As the database keeps it (microseconds), so the text and a bound instant agree.
                        .put("occurred_at", entry.at().truncatedTo(ChronoUnit.MICROS).toString())
                        .put("rep_id", entry.repId())
                        .put("detail", json.writeValueAsString(entry.detail()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return session.createNativeQuery(INSERT_ALL).setParameter("rows", rows.toString()).executeUpdate()
                .replaceWithVoid();
    }

    public Uni<List<TimelineEntry>> of(UUID leadId) {
        return sessions.withSession(session -> session.createSelectionQuery(
                        "from TimelineEntry where leadId = :lead order by occurredAt, id", TimelineEntry.class)
                .setParameter("lead", leadId).getResultList());
    }
}
