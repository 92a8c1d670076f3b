package io.warmline.routing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.routing.persistence.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes each step of a lead's story inside the transaction that made it, and reads the story back in order. */
@ApplicationScoped
public class Timeline {

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;

    Timeline(Mutiny.SessionFactory sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    public Uni<Void> record(Mutiny.Session session, UUID leadId, String kind, Instant at, String repId,
                            Map<String, ?> detail) {
        TimelineEntry entry = new TimelineEntry();
        entry.leadId = leadId;
        entry.kind = kind;
        entry.occurredAt = at;
        entry.repId = repId;
        try {
            entry.detail = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return session.persist(entry);
    }

    public Uni<List<TimelineEntry>> of(UUID leadId) {
        return sessions.withSession(session -> session.createSelectionQuery(
                        "from TimelineEntry where leadId = :lead order by occurredAt, id", TimelineEntry.class)
                .setParameter("lead", leadId).getResultList());
    }
}
