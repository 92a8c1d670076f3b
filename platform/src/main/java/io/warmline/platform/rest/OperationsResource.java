package io.warmline.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.messaging.DeadLetters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an operator does after fixing the cause of a failure: see and re-queue the outbox events the relay parked,
 * and replay a channel's dead letters to their original topic (consumers drop what they already applied, so a
 * replay is safe); and the audit log of what operators did through the service's API (these two included). Every
 * service has these, for its own outbox, channels and audit log.
 */
@Path("/operations")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Parked outbox events, dead letters and the audit log (operators)")
@RunsToCompletion
public class OperationsResource {

    /** A parked event, without its payload (which may hold personal data). */
    public record ParkedEvent(long id, UUID eventId, String eventType, String topic, String key, int attempts,
                              String lastError, Instant parkedAt) {
    }

    public record Requeued(int requeued) {
    }

    /** One operator action: who, when, what, on what, and its detail (never a secret or personal data). */
    public record AuditView(long id, Instant at, String actor, String roles, String action, String subject,
                            JsonNode detail) {
    }

    static final int AUDIT_PAGE = 100;

    private final Pool pool;
    private final DeadLetters deadLetters;
    private final AuditLog audit;
    private final ObjectMapper json;

    OperationsResource(Pool pool, DeadLetters deadLetters, AuditLog audit, ObjectMapper json) {
        this.pool = pool;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.json = json;
    }

    @GET
    @Path("/audit")
    @Operation(summary = "What operators did through this service's API, newest first, " + AUDIT_PAGE + " at a time "
            + "(before: the smallest id of the previous page)")
    @APIResponse(responseCode = "200", description = "The entries, newest first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = AuditView.class)))
    @APIResponse(responseCode = "400", description = "`invalid-before`: before is not a positive whole number.")
    public Uni<List<AuditView>> audit(@Parameter(description = "an entry id: the entries before it (the smallest id "
            + "of the previous page)") @QueryParam("before") String beforeText) {
        long before = before(beforeText);
        return pool.preparedQuery("SELECT id, at, actor, roles, action, subject, detail::text AS detail FROM audit_entry"
                        + " WHERE id < $1 ORDER BY id DESC LIMIT $2")
                .execute(Tuple.of(before, AUDIT_PAGE))
                .map(rows -> {
                    List<AuditView> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(new AuditView(row.getLong("id"),
                            row.getOffsetDateTime("at").toInstant(), row.getString("actor"), row.getString("roles"),
                            row.getString("action"), row.getString("subject"), tree(row.getString("detail")))));
                    return entries;
                });
    }

    private static long before(String text) {
        if (text == null || text.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            long before = Long.parseLong(text.strip());
            if (before > 0) {
                return before;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Problem(400, "invalid-before", "Bad Request", "before must be a positive whole number, an entry's "
                + "id (got '" + text + "'); omit it for the newest entries");
    }

    private JsonNode tree(String detail) {
        try {
            return json.readTree(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("/outbox/parked")
    @Operation(summary = "The outbox events the relay gave up publishing, with their last error")
    public Uni<List<ParkedEvent>> parked() {
        return pool.query("""
                        SELECT id, event_id, event_type, topic, record_key, attempts, last_error, parked_at
                          FROM outbox_event WHERE parked_at IS NOT NULL ORDER BY id LIMIT 1000""").execute()
                .map(rows -> {
                    List<ParkedEvent> parked = new ArrayList<>();
                    rows.forEach(row -> parked.add(new ParkedEvent(row.getLong("id"), row.getUUID("event_id"),
                            row.getString("event_type"), row.getString("topic"), row.getString("record_key"),
                            row.getInteger("attempts"), row.getString("last_error"),
                            row.getOffsetDateTime("parked_at").toInstant())));
                    return parked;
                });
    }

    @POST
    @Path("/outbox/parked/requeue")
    @Operation(summary = "Puts every parked event back in line, with its attempts reset (after fixing the cause)")
    public Uni<Requeued> requeue() {
        return pool.withTransaction(connection -> connection.query("UPDATE outbox_event SET parked_at = NULL, "
                        + "attempts = 0, first_failed_at = NULL, claimed_until = NULL WHERE parked_at IS NOT NULL")
                .execute()
                .chain(rows -> audit.record(connection, "outbox.requeued", null, Map.of("requeued", rows.rowCount()))
                        .replaceWith(new Requeued(rows.rowCount()))));
    }

    @POST
    @Path("/dead-letters/{channel}/replay")
    @Blocking
    @Operation(summary = "Publishes the channel's dead letters not replayed yet back to their original topic")
    @APIResponse(responseCode = "200", description = "How many were replayed.")
    @APIResponse(responseCode = "404", description = "`not-found`: the service has no such channel.",
            content = @Content(mediaType = ProblemMappers.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    public DeadLetters.Replay replay(@PathParam("channel") String channel) {
        DeadLetters.Replay replay = deadLetters.replay(channel);
        audit.record(pool, "dead-letters.replayed", channel, Map.of("replayed", replay.replayed(),
                "deadLetterTopic", replay.deadLetterTopic())).await().indefinitely();
        return replay;
    }
}
