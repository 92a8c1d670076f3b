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
