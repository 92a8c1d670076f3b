package io.warmline.scoring.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.scoring.service.ScoreHistory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/** A lead's score history, for operators: every score, what caused it, under which model and why. */
@Path("/leads/{leadId}/scores")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
@RunsToCompletion
public class LeadScoresResource {

    private final ScoreHistory history;

    LeadScoresResource(ScoreHistory history) {
        this.history = history;
    }

    @GET
    @Operation(summary = "A lead's scores, oldest first, with their factors, model version and trigger",
            description = "For a lead linked to an earlier one (the same person again), linkedTo names that lead "
                    + "and the scores are its, where this lead's signals were counted.")
    public Uni<ScoreHistory.Story> scores(@PathParam("leadId") UUID leadId) {
        return history.of(leadId).map(story -> {
            if (story == null) {
                throw new Problem(404, "lead-not-found", "Not Found", "scoring has no lead " + leadId);
            }
            return story;
        });
    }
}
