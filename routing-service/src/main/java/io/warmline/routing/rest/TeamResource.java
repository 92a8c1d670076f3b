package io.warmline.routing.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.routing.domain.Strategy;
import io.warmline.routing.domain.WireName;
import io.warmline.routing.persistence.Team;
import io.warmline.routing.service.Roster;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.ArrayList;
import java.util.List;

/** Teams and their routing strategy (operators write; team leads and operators read). */
@Path("/teams")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEAM_LEAD, Roles.OPERATOR})
@RunsToCompletion
public class TeamResource {

    private final Roster roster;
    private final Caller caller;

    TeamResource(Roster roster, Caller caller) {
        this.roster = roster;
        this.caller = caller;
    }

    public record TeamDetails(String name, String strategy, String leadRepId) {
    }

    public record TeamView(@Schema(required = true) String id,
                           @Schema(required = true) String name,
                           @Schema(required = true) String strategy,
                           String leadRepId) {
        static TeamView of(Team team) {
            return new TeamView(team.id, team.name, team.strategy, team.leadRepId);
        }
    }

    @PUT
    @Path("/{teamId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create or update a team (operator)", description = "strategy: round_robin, "
            + "weighted_round_robin, least_loaded (default), longest_idle or warmest_to_best.")
    @APIResponse(responseCode = "200", description = "Updated.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "201", description = "Created.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)))
    public Uni<Response> save(@PathParam("teamId") String teamId, TeamDetails details) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!RepResource.ID.matcher(teamId).matches()) {
            problems.add(new FieldProblem("teamId", "2-63 lower-case letters, digits or dashes"));
        }
        if (details == null || details.name() == null || details.name().isBlank() || details.name().length() > 200) {
            problems.add(new FieldProblem("name", "is required, at most 200 characters"));
        }
        if (details != null && details.leadRepId() != null && !RepResource.ID.matcher(details.leadRepId()).matches()) {
            problems.add(new FieldProblem("leadRepId", "a rep's id: 2-63 lower-case letters, digits or dashes"));
        }
        String strategy = details == null || details.strategy() == null ? Strategy.LEAST_LOADED.wireName()
                : details.strategy();
        if (Strategy.fromWireName(strategy).isEmpty()) {
            problems.add(new FieldProblem("strategy", "one of " + WireName.choices(Strategy.class)));
        }
        if (!problems.isEmpty()) {
            throw new Problem(422, "invalid-team", "Unprocessable Content", "see errors", problems, null);
        }
        return roster.saveTeam(teamId, details.name().strip(), strategy, details.leadRepId())
                .map(created -> Response.status(created ? 201 : 200).entity(new TeamView(teamId,
                        details.name().strip(), strategy, details.leadRepId())).build());
    }

    @GET
    @Operation(summary = "The teams the caller may see (operators: all; team leads: their own)")
    public Uni<List<TeamView>> list() {
        return roster.teams(caller.actor()).map(teams -> teams.stream().map(TeamView::of).toList());
    }
}
