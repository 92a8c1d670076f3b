package io.warmline.routing.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.routing.domain.FieldProblem;
import io.warmline.routing.domain.Presence;
import io.warmline.routing.persistence.Rep;
import io.warmline.routing.service.Roster;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Reps and their presence. */
@Path("/reps")
@Produces(MediaType.APPLICATION_JSON)
public class RepResource {

    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private final Roster roster;

    RepResource(Roster roster) {
        this.roster = roster;
    }

    public record RepDetails(String name, Integer capacity) {
    }

    public record PresenceChange(String status) {
    }

    public record RepView(String id, String name, int capacity, String presence, int openLeads) {
        static RepView of(Rep rep) {
            return new RepView(rep.id, rep.name, rep.capacity, rep.presence, rep.openLeads);
        }
    }

    @PUT
    @Path("/{repId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update a rep", description = "201 when created (offline), 200 when updated.")
    public Uni<Response> save(@PathParam("repId") String repId, RepDetails details) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!ID.matcher(repId).matches()) {
            problems.add(new FieldProblem("repId", "2-63 lower-case letters, digits or dashes"));
        }
        if (details == null || details.name() == null || details.name().isBlank() || details.name().length() > 200) {
            problems.add(new FieldProblem("name", "is required, at most 200 characters"));
        }
        int capacity = details == null || details.capacity() == null ? 3 : details.capacity();
        if (capacity < 1 || capacity > 100) {
            problems.add(new FieldProblem("capacity", "open leads at once, from 1 to 100"));
        }
        if (!problems.isEmpty()) {
            throw new Problem(422, "invalid-rep", "Unprocessable Content", "see errors", problems, null);
        }
        return roster.save(repId, details.name().strip(), capacity)
                .chain(created -> roster.find(repId).map(rep -> Response.status(created ? 201 : 200)
                        .entity(RepView.of(rep.orElseThrow())).build()));
    }

    @PUT
    @Path("/{repId}/presence")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a rep's presence", description = "available, busy, away or offline.")
    public Uni<RepView> presence(@PathParam("repId") String repId, PresenceChange change) {
        Presence presence = change == null || change.status() == null ? null
                : Presence.fromWireName(change.status()).orElse(null);
        if (presence == null) {
            throw new Problem(422, "invalid-presence", "Unprocessable Content", "see errors",
                    List.of(new FieldProblem("status", "one of " + Arrays.stream(Presence.values())
                            .map(Presence::wireName).toList())), null);
        }
        return roster.setPresence(repId, presence).map(rep -> RepView.of(rep.orElseThrow(() -> new Problem(404,
                "unknown-rep", "Not Found", "no rep '" + repId + "'; create it with PUT /reps/" + repId))));
    }

    @GET
    public Uni<List<RepView>> list() {
        return roster.list().map(reps -> reps.stream().map(RepView::of).toList());
    }

    @GET
    @Path("/{repId}")
    public Uni<RepView> get(@PathParam("repId") String repId) {
        return roster.find(repId).map(rep -> RepView.of(rep.orElseThrow(() -> new Problem(404, "unknown-rep",
                "Not Found", "no rep '" + repId + "'"))));
    }
}
