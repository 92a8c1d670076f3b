package io.warmline.routing.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.PageParams;
import io.warmline.platform.rest.PageRequest;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.routing.persistence.TimelineEntry;
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

import java.time.Instant;
import java.util.List;

/** Recent lapsed deadlines and escalations across leads, from their timelines: what needs an operator now. */
@Path("/escalations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEAM_LEAD, Roles.OPERATOR})
@RunsToCompletion
public class EscalationsResource {

    private final OperatorBoard board;
    private final Caller caller;
    private final ObjectMapper json;

    EscalationsResource(OperatorBoard board, Caller caller, ObjectMapper json) {
        this.board = board;
        this.caller = caller;
        this.json = json;
    }

    /** {@code kind}: escalated (a step of the lead's escalation policy) or lapsed (its deadline passed). */
    public record EscalationView(String leadId, String kind, Instant at, String repId, JsonNode detail) {
    }

    @GET
    @Operation(summary = "Lapses and escalations of the last 24 hours, newest first (operators: all; "
            + "team leads: their team's reps')")
    public Uni<RestResponse<List<EscalationView>>> recent(@BeanParam PageParams paging, @Context UriInfo request) {
        PageRequest page = paging.on("escalations", 2);
        return board.recentLapsesAndEscalations(caller.actor(), page).map(entries -> page.page(entries,
                entry -> List.of(entry.occurredAt, entry.id)).map(this::view).response(request));
    }

    private EscalationView view(TimelineEntry entry) {
        try {
            return new EscalationView(entry.leadId.toString(), entry.kind, entry.occurredAt, entry.repId,
                    json.readTree(entry.detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
