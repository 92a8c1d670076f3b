package io.warmline.routing.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.routing.service.LeadLookup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The waiting queue, for operators: warmest first, with each lead's wait so far. */
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR)
@RunsToCompletion
public class QueueResource {

    private final LeadLookup lookup;
    private final Clock clock;

    QueueResource(LeadLookup lookup, Clock clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    public record WaitingView(@Schema(required = true) String leadId,
                              @Schema(required = true) int score,
                              @Schema(required = true) String tier,
                              @Schema(required = true) Instant queuedAt,
                              @Schema(required = true) long waitSeconds,
                              Instant respondBy,
                              String excludedRepId) {
    }

    @GET
    @Operation(summary = "Leads waiting for an eligible rep, warmest first")
    public Uni<List<WaitingView>> queue() {
        Instant now = clock.instant();
        return lookup.queue().map(waiting -> waiting.stream().map(lead -> new WaitingView(lead.leadId.toString(),
                lead.score, lead.tier, lead.queuedAt, Math.max(0, Duration.between(lead.queuedAt, now).toSeconds()),
                lead.respondBy, lead.excludedRepId)).toList());
    }
}
