package io.warmline.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.config.AlertsConfig;
import io.warmline.notification.domain.Alert;
import io.warmline.notification.persistence.StoredAlert;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;

/** The alerts a rep was sent, read back for a reconnecting stream and for the list. */
@ApplicationScoped
public class AlertHistory {

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;
    private final Clock clock;
    private final AlertsConfig config;

    AlertHistory(Mutiny.SessionFactory sessions, ObjectMapper json, Clock clock, AlertsConfig config) {
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The rep's alerts after {@code afterId} (all of them when null), oldest first, within the replay window: an alert
     * older than that is past every deadline and would only bury the fresh ones (it stays in {@link #latest}).
     */
    public Uni<List<Alert>> replay(String repId, Long afterId) {
        Instant since = clock.instant().minus(config.replayWindow());
        return sessions.withSession(session -> session.createQuery(
                                "from StoredAlert where repId = :rep and id > :after and createdAt >= :since order by id",
                                StoredAlert.class)
                        .setParameter("rep", repId)
                        .setParameter("after", afterId == null ? 0L : afterId)
                        .setParameter("since", since)
                        .getResultList())
                .map(this::read);
    }

    /** The rep's most recent alerts, newest first. */
    public Uni<List<Alert>> latest(String repId) {
        return sessions.withSession(session -> session.createQuery(
                                "from StoredAlert where repId = :rep order by id desc", StoredAlert.class)
                        .setParameter("rep", repId)
                        .setMaxResults(config.listLimit())
                        .getResultList())
                .map(this::read);
    }

    /**
     * Stores an alert on the rep's stream inside the caller's transaction. The id comes from the table's sequence
     * first, because the alert JSON carries it too.
     */
    public Uni<Alert> store(Mutiny.Session session, UUID leadId, String repId, LongFunction<Alert> build) {
        // No result class: a native query with one adds a plan to Hibernate's cache that no later query matches.
        return session.createNativeQuery(StoredAlert.NEXT_ID).getSingleResult().chain(next -> {
            long id = ((Number) next).longValue();
            Alert alert = build.apply(id);
            StoredAlert row = new StoredAlert();
            row.id = id;
            row.leadId = leadId;
            row.repId = repId;
            row.createdAt = clock.instant();
            row.payload = write(alert);
            return session.persist(row).replaceWith(alert);
        });
    }

    /** One stored alert, or null. */
    public Uni<Alert> find(Mutiny.Session session, long alertId) {
        return session.find(StoredAlert.class, alertId)
                .map(row -> row == null ? null : read(List.of(row)).get(0));
    }

    private String write(Alert alert) {
        try {
            return json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + alert.alertId() + " cannot be written as JSON", e);
        }
    }

    private List<Alert> read(List<StoredAlert> rows) {
        return rows.stream().map(row -> {
            try {
                return json.readValue(row.payload, Alert.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored alert " + row.id + " is not readable JSON", e);
            }
        }).toList();
    }
}
