package io.warmline.routing.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.routing.domain.FollowUpRules;
import io.warmline.routing.domain.LeadStory;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.FollowUp;
import io.warmline.routing.persistence.RoutedLead;
import io.warmline.routing.persistence.TimelineEntry;
import io.warmline.routing.service.LeadDesk;
import io.warmline.routing.service.LeadLookup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A lead as its rep works it: acknowledge, log each call attempt, decline; and as an operator reads it: why each
 * rep got it, and its timeline. Reps see their own leads, team leads their team's, operators all.
 */
@Path("/leads/{leadId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REP, Roles.TEAM_LEAD, Roles.OPERATOR})
@RunsToCompletion
public class LeadResource {

    private final LeadDesk desk;
    private final LeadLookup lookup;
    private final Caller caller;
    private final ObjectMapper json;

    LeadResource(LeadDesk desk, LeadLookup lookup, Caller caller, ObjectMapper json) {
        this.desk = desk;
        this.lookup = lookup;
        this.caller = caller;
        this.json = json;
    }

    public record NextStepRequest(String type, Instant dueAt) {
    }

    public record FollowUpRequest(String outcome, String objection, NextStepRequest nextStep, String notes) {
    }

    public record NextStepView(String type, Instant dueAt) {
    }

    public record FollowUpView(int attempt, String repId, String outcome, String objection, NextStepView nextStep,
                               Instant loggedAt, String loggedBy, String notes) {
        static FollowUpView of(FollowUp row) {
            return new FollowUpView(row.attempt, row.repId, row.outcome, row.objection,
                    new NextStepView(row.nextStep, row.dueAt), row.loggedAt, row.loggedBy, row.notes);
        }
    }

    public record LoggedView(FollowUpView followUp, String leadStatus, String closedReason) {
    }

    public record AssignmentView(int assignmentNumber, String repId, String previousRepId, String teamId,
                                 String strategy, String reason, List<String> candidates, Instant assignedAt,
                                 Instant respondBy, String status, Instant acknowledgedAt, Instant firstFollowUpAt) {
        /** The rep the lead came from only when the caller sees that rep's turn. */
        static AssignmentView of(Assignment a, LeadStory story) {
            return new AssignmentView(a.assignmentNumber, a.repId,
                    story.seesRep(a.previousRepId) ? a.previousRepId : null, a.teamId, a.strategy, a.reason,
                    a.candidates == null || a.candidates.isEmpty() ? List.of()
                            : Arrays.asList(a.candidates.split(",")),
                    a.assignedAt, a.respondBy, a.status, a.acknowledgedAt, a.firstFollowUpAt);
        }
    }

    public record LeadView(String leadId, String status, int score, String tier, Instant receivedAt,
                           Instant respondBy, int lapses, int attempts, String closedReason, Instant closedAt,
                           List<AssignmentView> assignments) {
    }

    public record TimelineView(String kind, Instant at, String repId, JsonNode detail) {
    }

    @GET
    @Operation(summary = "A lead, and why each rep got it")
    public Uni<LeadView> get(@PathParam("leadId") UUID leadId) {
        return lookup.lead(leadId, caller.actor()).map(file -> {
            RoutedLead lead = file.lead();
            return new LeadView(lead.leadId.toString(), lead.status, lead.score, lead.tier, lead.receivedAt,
                    lead.respondBy, lead.lapses, lead.followUps, lead.closedReason, lead.closedAt,
                    file.assignments().stream().map(a -> AssignmentView.of(a, file.story())).toList());
        });
    }

    @POST
    @Path("/acknowledgement")
    @Operation(summary = "The rep has seen the lead", description = "Idempotent; goes on the timeline.")
    public Uni<AssignmentView> acknowledge(@PathParam("leadId") UUID leadId) {
        // The answer is the caller's own assignment: the rep before them is shown to operators only.
        return desk.acknowledge(leadId, caller.actor())
                .map(a -> AssignmentView.of(a, new LeadStory(caller.actor(), List.of())));
    }

    @POST
    @Path("/follow-ups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log a call attempt", description = "outcome: connected, voicemail, no_answer, wrong_number. "
            + "A connected call needs nextStep {type: proposal|follow_up_call|site_visit (with dueAt)|signed|"
            + "not_interested}; an objection (send_information, not_ready, think_about_it) needs a dated one. "
            + "Unanswered calls get the next attempt proposed; the last one a final email and closure.")
    @APIResponse(responseCode = "201", description = "Logged: the attempt, and where the lead stands now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LoggedView.class)))
    public Uni<Response> log(@PathParam("leadId") UUID leadId, FollowUpRequest request) {
        FollowUpRequest body = request == null ? new FollowUpRequest(null, null, null, null) : request;
        NextStepRequest step = body.nextStep();
        if (body.notes() != null && body.notes().length() > 2000) {
            throw new Problem(422, "invalid-follow-up", "Unprocessable Content", "see errors",
                    List.of(new io.warmline.platform.domain.FieldProblem("notes", "at most 2,000 characters")), null);
        }
        FollowUpRules.Attempt attempt = new FollowUpRules.Attempt(body.outcome(), body.objection(),
                step == null ? null : step.type(), step == null ? null : step.dueAt());
        return desk.logFollowUp(leadId, caller.actor(), attempt, body.notes())
                .map(logged -> Response.status(201).entity(new LoggedView(FollowUpView.of(logged.followUp()),
                        logged.closed() ? RoutedLead.CLOSED : RoutedLead.ASSIGNED, logged.closedReason())).build());
    }

    @GET
    @Path("/follow-ups")
    public Uni<List<FollowUpView>> followUps(@PathParam("leadId") UUID leadId) {
        return lookup.followUps(leadId, caller.actor()).map(rows -> rows.stream().map(FollowUpView::of).toList());
    }

    @POST
    @Path("/decline")
    @Operation(summary = "Give back a lead not yet called", description = "It goes to another eligible rep.")
    @APIResponse(responseCode = "204", description = "Given back; it goes to another eligible rep.")
    public Uni<Response> decline(@PathParam("leadId") UUID leadId) {
        return desk.decline(leadId, caller.actor()).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/timeline")
    @Operation(summary = "The lead's story", description = "received, scored, queued, assigned (and why), alerted, "
            + "reminded, escalated, lapsed, each attempt with its next step, closed.")
    public Uni<List<TimelineView>> timeline(@PathParam("leadId") UUID leadId) {
        return lookup.timeline(leadId, caller.actor())
                .map(seen -> seen.steps().stream().map(entry -> view(entry, seen.story())).toList());
    }

    private TimelineView view(TimelineEntry entry, LeadStory story) {
        try {
            JsonNode detail = json.readTree(entry.detail);
            // An assignment's step names the rep the lead came from: only for whoever sees that rep's turn.
            if (detail instanceof ObjectNode fields && !story.seesRep(fields.path("previousRepId").textValue())) {
                fields.putNull("previousRepId");
            }
            return new TimelineView(entry.kind, entry.occurredAt, entry.repId, detail);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
