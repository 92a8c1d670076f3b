package io.warmline.platform.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.platform.messaging.DeadLetters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What an operator does after fixing the cause of a failure: see and re-queue the outbox events the relay parked,
 * and replay a channel's dead letters to their original topic (consumers drop what they already applied, so a
 * replay is safe). Every service has these, for its own outbox and channels.
 */
@Path("/operations")
@RolesAllowed("operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Parked outbox events and dead letters (operators)")
@RunsToCompletion
public class OperationsResource {

    /** A parked event, without its payload (which may hold personal data). */
    public record ParkedEvent(long id, UUID eventId, String eventType, String topic, String key, int attempts,
                              String lastError, Instant parkedAt) {
    }

    public record Requeued(int requeued) {
    }

    private final Pool pool;
    private final DeadLetters deadLetters;

    OperationsResource(Pool pool, DeadLetters deadLetters) {
        this.pool = pool;
        this.deadLetters = deadLetters;
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
        return pool.query("UPDATE outbox_event SET parked_at = NULL, attempts = 0, first_failed_at = NULL, claimed_until = NULL "
                        + "WHERE parked_at IS NOT NULL").execute()
                .map(rows -> new Requeued(rows.rowCount()));
    }

    @POST
    @Path("/dead-letters/{channel}/replay")
    @Blocking
    @Operation(summary = "Publishes the channel's dead letters not replayed yet back to their original topic")
    @APIResponse(responseCode = "200", description = "How many were replayed.")
    @APIResponse(responseCode = "404", description = "`not-found`: the service has no such channel.",
            content = @Content(mediaType = ProblemMappers.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    public DeadLetters.Replay replay(@PathParam("channel") String channel) {
        return deadLetters.replay(channel);
    }
}
