package io.warmline.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
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

    private final CurrentIdentityAssociation identities;
    private final ObjectMapper json;
    private final Clock clock;

    AuditLog(CurrentIdentityAssociation identities, ObjectMapper json, Clock clock) {
        this.identities = identities;
        this.json = json;
        this.clock = clock;
    }

    /** Within a Hibernate Reactive transaction. */
    public Uni<Void> record(Mutiny.Session session, String action, String subject, Map<String, ?> detail) {
        return entry(detail).chain(entry -> session.createNativeQuery(
                        "INSERT INTO audit_entry (at, actor, roles, action, subject, detail) "
                        + "VALUES (:at, :actor, :roles, :action, :subject, cast(cast(:detail AS text) AS jsonb))")
                .setParameter("at", entry.at())
                .setParameter("actor", entry.actor())
                .setParameter("roles", entry.roles())
                .setParameter("action", action)
                .setParameter("subject", subject)
                .setParameter("detail", entry.detail())
                .executeUpdate()).replaceWithVoid();
    }

    /** Within a transaction of the reactive SQL client (or on its own, for an action outside the database). */
    public Uni<Void> record(SqlClient client, String action, String subject, Map<String, ?> detail) {
        return entry(detail).chain(entry -> client.preparedQuery(INSERT)
                        .execute(Tuple.of(entry.at(), entry.actor(), entry.roles(), action, subject, entry.detail())))
                .replaceWithVoid();
    }

    /** Who did it, when, and the detail as JSON. */
    private record Entry(OffsetDateTime at, String actor, String roles, String detail) {
    }

    /**
     * The entry, with the caller taken from the request's security identity without blocking (the event loop may
     * not wait for it): the bearer token's {@code sub} and roles. Outside a request (a scheduled or startup task)
     * the service itself acted: "system".
     */
    private Uni<Entry> entry(Map<String, ?> detail) {
        String text;
        try {
            text = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("audit detail is not JSON", e));
        }
        OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
        if (!Arc.container().requestContext().isActive()) {
            return Uni.createFrom().item(new Entry(at, "system", "", text));
        }
        return identities.getDeferredIdentity().map(identity -> {
            String actor = identity.isAnonymous() ? "anonymous"
                    : identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                    ? token.getSubject() : identity.getPrincipal().getName();
            return new Entry(at, actor, String.join(",", new TreeSet<>(identity.getRoles())), text);
        });
    }
}
