package io.warmline.routing.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.PageParams;
import io.warmline.platform.rest.PageRequest;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.routing.service.OperatorBoard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The leads reps hold and have not reached yet, with their deadlines: the countdowns of the operators' board. */
@Path("/open-leads")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEAM_LEAD, Roles.OPERATOR})
@RunsToCompletion
public class OpenLeadsResource {

    private final OperatorBoard board;
    private final Caller caller;
    private final Clock clock;

    OpenLeadsResource(OperatorBoard board, Caller caller, Clock clock) {
        this.board = board;
        this.caller = caller;
        this.clock = clock;
    }

    /** {@code secondsLeft} is negative once the deadline has passed, null for a lead without one. */
    public record OpenLeadView(@Schema(required = true) String leadId,
                               @Schema(required = true) String tier,
                               @Schema(required = true) int score,
                               @Schema(required = true) String repId,
                               String teamId,
                               @Schema(required = true) int assignmentNumber,
                               @Schema(required = true) Instant receivedAt,
                               @Schema(required = true) Instant assignedAt,
                               Instant respondBy,
                               Long secondsLeft,
                               Instant acknowledgedAt,
                               @Schema(required = true) int attempts,
                               @Schema(required = true) int lapses) {
    }

    @GET
    @Operation(summary = "Open leads, the nearest deadline first (operators: all; team leads: their team's)",
            description = "A lead is open while its rep has not had a connected call: it holds one of the rep's "
                    + "slots and its respond-by deadline runs. Waiting leads are in GET /queue.")
    public Uni<RestResponse<List<OpenLeadView>>> openLeads(@BeanParam PageParams paging,
                                                           @Context UriInfo request) {
        PageRequest page = paging.on("open-leads", 3);
        Instant now = clock.instant();
        return board.openLeads(caller.actor(), page).map(open -> page.page(open, item -> Arrays.asList(
                item.assignment().respondBy, item.assignment().assignedAt, item.assignment().id)).map(item -> {
            var a = item.assignment();
            var lead = item.lead();
            return new OpenLeadView(lead.leadId.toString(), lead.tier, lead.score, a.repId, a.teamId,
                    a.assignmentNumber, lead.receivedAt, a.assignedAt, a.respondBy,
                    a.respondBy == null ? null : Duration.between(now, a.respondBy).toSeconds(), a.acknowledgedAt,
                    lead.followUps, lead.lapses);
        }).response(request));
    }
}
