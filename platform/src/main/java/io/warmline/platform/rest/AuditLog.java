package io.warmline.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records what an operator did through the API in {@code audit_entry}, in the transaction of the change itself (so
 * there is no change without its entry, and no entry for a change that rolled back); the actor is the request's
 * bearer token ({@code sub} and its groups). {@code detail} names what changed, never a secret or personal data:
 * the callers pass ids, names of settings and counts. Operators read it at {@code GET /operations/audit}.
 */
@ApplicationScoped
public class AuditLog {

    // The detail is bound as text and parsed by PostgreSQL: a String bound where jsonb is expected is stored as a
    // JSON string, not as the object it spells.
    private static final String INSERT = "INSERT INTO audit_entry (at, actor, roles, action, subject, detail) "
            + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)";

    private final JsonWebToken caller;
    private final ObjectMapper json;
    private final Clock clock;

    AuditLog(JsonWebToken caller, ObjectMapper json, Clock clock) {
        this.caller = caller;
        this.json = json;
        this.clock = clock;
    }

    /** Within a Hibernate Reactive transaction. */
    public Uni<Void> record(Mutiny.Session session, String action, String subject, Map<String, ?> detail) {
        Entry entry = entry(detail);
        return session.createNativeQuery("INSERT INTO audit_entry (at, actor, roles, action, subject, detail) "
                        + "VALUES (:at, :actor, :roles, :action, :subject, cast(cast(:detail AS text) AS jsonb))")
                .setParameter("at", entry.at())
                .setParameter("actor", entry.actor())
                .setParameter("roles", entry.roles())
                .setParameter("action", action)
                .setParameter("subject", subject)
                .setParameter("detail", entry.detail())
                .executeUpdate().replaceWithVoid();
    }

    /** Within a transaction of the reactive SQL client (or on its own, for an action outside the database). */
    public Uni<Void> record(SqlClient client, String action, String subject, Map<String, ?> detail) {
        Entry entry = entry(detail);
        return client.preparedQuery(INSERT)
                .execute(Tuple.of(entry.at(), entry.actor(), entry.roles(), action, subject, entry.detail()))
                .replaceWithVoid();
    }

    /** Who did it, when, and the detail as JSON. */
    private record Entry(OffsetDateTime at, String actor, String roles, String detail) {
    }

    private Entry entry(Map<String, ?> detail) {
        // Outside a request (a scheduled or startup task) there is no token: the service itself acted.
        boolean request = Arc.container().requestContext().isActive();
        String actor = !request ? "system" : caller.getSubject() == null ? "unknown" : caller.getSubject();
        Set<String> groups = !request || caller.getGroups() == null ? Set.of() : caller.getGroups();
        try {
            return new Entry(clock.instant().atOffset(ZoneOffset.UTC), actor, String.join(",", new TreeSet<>(groups)),
                    json.writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit detail is not JSON", e);
        }
    }
}
