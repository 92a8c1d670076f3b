package io.warmline.routing.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.PageParams;
import io.warmline.platform.rest.PageRequest;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.routing.service.LeadLookup;
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

    /** {@code notBefore}: the lead's call window opens then; until it does nobody is offered it (and it waits 0 s). */
    public record WaitingView(@Schema(required = true) String leadId,
                              @Schema(required = true) int score,
                              @Schema(required = true) String tier,
                              @Schema(required = true) Instant queuedAt,
                              @Schema(required = true) long waitSeconds,
                              Instant respondBy,
                              String excludedRepId,
                              Instant notBefore) {
    }

    @GET
    @Operation(summary = "Leads waiting for an eligible rep, warmest first")
    public Uni<RestResponse<List<WaitingView>>> queue(@BeanParam PageParams paging, @Context UriInfo request) {
        PageRequest page = paging.on("queue", 3);
        Instant now = clock.instant();
        return lookup.queue(page).map(waiting -> page.page(waiting,
                        lead -> List.of(lead.score, lead.queuedAt, lead.leadId))
                .map(lead -> new WaitingView(lead.leadId.toString(), lead.score, lead.tier, lead.queuedAt,
                        Math.max(0, Duration.between(waitingSince(lead), now).toSeconds()), lead.respondBy,
                        lead.excludedRepId, lead.notBefore))
                .response(request));
    }

    /** A lead waiting for its call window has waited for a rep only since the window opened. */
    private static Instant waitingSince(io.warmline.routing.persistence.WaitingLead lead) {
        return lead.notBefore != null && lead.notBefore.isAfter(lead.queuedAt) ? lead.notBefore : lead.queuedAt;
    }
}
