package io.warmline.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.config.AlertsConfig;
import io.warmline.notification.domain.Alert;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.notification.persistence.StoredAlert;
import io.warmline.platform.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;

/** The alerts a rep was sent, read back for a reconnecting stream and for the list. */
@ApplicationScoped
public class AlertHistory {

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;
    private final ObjectMapper json;
    private final Clock clock;
    private final AlertsConfig config;

    AlertHistory(Mutiny.SessionFactory sessions, Pool pool, ObjectMapper json, Clock clock, AlertsConfig config) {
        this.sessions = sessions;
        this.pool = pool;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    /** What a connecting stream replays, and the position it resumes after (null: from the replay window). */
    public record Replay(Long after, List<StreamedAlert> alerts) {
    }

    /**
     * The rep's alerts after stream position {@code after} (all of them when null), in stream order, within the replay
     * window: an alert older than that is past every deadline and would only bury the fresh ones (it stays in
     * {@link #latest}). A position the rep's stream never reached (a client's Last-Event-ID from before positions, an
     * alert id) counts as none, so the stream neither stays silent nor skips what comes next.
     */
    public Uni<Replay> replay(String repId, Long after) {
        Instant since = clock.instant().minus(config.replayWindow());
        if (after == null) {
            return stored(repId, 0L, since).map(alerts -> new Replay(null, alerts));
        }
        return sessions.withSession(session -> session.createNativeQuery(
                                "SELECT last_position FROM rep_stream WHERE rep_id = :rep")
                        .setParameter("rep", repId).getResultList())
                .chain(last -> last.isEmpty() || after > ((Number) last.get(0)).longValue()
                        ? stored(repId, 0L, since).map(alerts -> new Replay(null, alerts))
                        : stored(repId, after, since).map(alerts -> new Replay(after, alerts)));
    }

    /**
     * The rep's alerts committed after stream position {@code after}, in stream order: what a live stream lacks. On
     * the pool rather than a session, because it runs from the database listener's thread.
     */
    public Uni<List<StreamedAlert>> after(String repId, long after) {
        return pool.preparedQuery("SELECT stream_position, id, payload FROM alert WHERE rep_id = $1"
                        + " AND stream_position > $2 ORDER BY stream_position")
                .execute(Tuple.of(repId, after))
                .map(rows -> {
                    List<StreamedAlert> found = new ArrayList<>();
                    rows.forEach(row -> found.add(new StreamedAlert(row.getLong(0),
                            read(row.getLong(1), row.getString(2)))));
                    return found;
                });
    }

    private Uni<List<StreamedAlert>> stored(String repId, long after, Instant since) {
        return sessions.withSession(session -> session.createQuery(
                                "from StoredAlert where repId = :rep and streamPosition > :after"
                                        + " and createdAt >= :since order by streamPosition", StoredAlert.class)
                        .setParameter("rep", repId)
                        .setParameter("after", after)
                        .setParameter("since", since)
                        .getResultList())
                .map(rows -> rows.stream().map(row -> new StreamedAlert(row.streamPosition, read(row))).toList());
    }

    /** The rep's alerts, newest first, from the page's cursor on. */
    public Uni<List<Alert>> latest(String repId, PageRequest page) {
        return sessions.withSession(session -> {
                    var query = session.createQuery("from StoredAlert where repId = :rep"
                            + (page.first() ? "" : " and id < :after") + " order by id desc", StoredAlert.class)
                            .setParameter("rep", repId);
                    if (!page.first()) {
                        query.setParameter("after", page.afterLong(0));
                    }
                    return query.setMaxResults(page.rowsToFetch()).getResultList();
                })
                .map(rows -> rows.stream().map(this::read).toList());
    }

    /**
     * Stores an alert on the rep's stream inside the caller's transaction, at the rep's next stream position (the
     * rep's row stays locked until the caller commits). The id comes from the table's sequence first, because the
     * alert JSON carries it too. The commit tells every replica (V4_17's trigger, {@link LiveAlerts}).
     */
    public Uni<Alert> store(Mutiny.Session session, UUID leadId, String repId, LongFunction<Alert> build) {
        // No result class: a native query with one adds a plan to Hibernate's cache that no later query matches.
        return session.createNativeQuery(StoredAlert.NEXT_ID_AND_POSITION).setParameter("rep", repId)
                .getSingleResult().chain(next -> {
            Object[] idAndPosition = (Object[]) next;
            long id = ((Number) idAndPosition[0]).longValue();
            Alert alert = build.apply(id);
            StoredAlert row = new StoredAlert();
            row.id = id;
            row.leadId = leadId;
            row.repId = repId;
            row.streamPosition = ((Number) idAndPosition[1]).longValue();
            row.createdAt = clock.instant();
            row.payload = write(alert);
            return session.persist(row).replaceWith(alert);
        });
    }

    /** One stored alert, or null. */
    public Uni<Alert> find(Mutiny.Session session, long alertId) {
        return session.find(StoredAlert.class, alertId)
                .map(row -> row == null ? null : read(row));
    }

    private String write(Alert alert) {
        try {
            return json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + alert.alertId() + " cannot be written as JSON", e);
        }
    }

    private Alert read(StoredAlert row) {
        return read(row.id, row.payload);
    }

    private Alert read(long id, String payload) {
        try {
            return json.readValue(payload, Alert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert " + id + " is not readable JSON", e);
        }
    }
}
