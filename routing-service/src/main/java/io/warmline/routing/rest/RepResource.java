package io.warmline.routing.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.rest.PageParams;
import io.warmline.platform.rest.PageRequest;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.routing.domain.Coverage;
import io.warmline.routing.domain.Presence;
import io.warmline.routing.persistence.Assignment;
import io.warmline.routing.persistence.Rep;
import io.warmline.routing.persistence.Team;
import io.warmline.routing.service.LeadLookup;
import io.warmline.routing.service.RepProfile;
import io.warmline.routing.service.Roster;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reps: their profile (operators), their presence and heartbeat (the rep's client), their leads. */
@Path("/reps")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REP, Roles.TEAM_LEAD, Roles.OPERATOR})
@RunsToCompletion
public class RepResource {

    static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private final Roster roster;
    private final LeadLookup lookup;
    private final Caller caller;

    RepResource(Roster roster, LeadLookup lookup, Caller caller) {
        this.roster = roster;
        this.lookup = lookup;
        this.caller = caller;
    }

    /** Working hours in the rep's time zone, "HH:mm"; equal start and end mean round the clock. */
    public record Hours(String start, String end, List<String> daysOff) {
    }

    public record RepDetails(String name, String email, Integer capacity, String teamId, List<String> territories,
                             List<String> products, String timeZone, Hours workingHours, Double conversionRate,
                             Integer weight, Boolean active) {
    }

    public record PresenceChange(String status) {
    }

    public record RepView(@Schema(required = true) String id,
                          @Schema(required = true) String name,
                          String email,
                          String teamId,
                          @Schema(required = true) int capacity,
                          @Schema(required = true) String presence,
                          @Schema(required = true) int openLeads,
                          @Schema(required = true) Set<String> territories,
                          @Schema(required = true) Set<String> products,
                          @Schema(required = true) String timeZone,
                          Hours workingHours,
                          @Schema(required = true) double conversionRate,
                          @Schema(required = true) int weight,
                          @Schema(required = true) boolean active,
                          Instant lastAssignedAt,
                          Instant lastHeartbeatAt) {
        static RepView of(Rep rep) {
            return new RepView(rep.id, rep.name, rep.email, rep.teamId, rep.capacity, rep.presence, rep.openLeads,
                    Rep.list(rep.territories), Rep.list(rep.products), rep.timeZone,
                    new Hours(rep.shiftStart.toString(), rep.shiftEnd.toString(), Rep.list(rep.daysOff).stream()
                            .map(day -> day.toLowerCase(Locale.ROOT)).toList()),
                    rep.conversionRate, rep.weight, rep.active, rep.lastAssignedAt, rep.lastHeartbeatAt);
        }
    }

    public record HeldLead(String leadId, int assignmentNumber, String status, Instant assignedAt, Instant respondBy,
                           Instant acknowledgedAt, Instant firstFollowUpAt) {
        static HeldLead of(Assignment assignment) {
            return new HeldLead(assignment.leadId.toString(), assignment.assignmentNumber, assignment.status,
                    assignment.assignedAt, assignment.respondBy, assignment.acknowledgedAt,
                    assignment.firstFollowUpAt);
        }
    }

    @PUT
    @Path("/{repId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Create or update a rep (operator)", description = "201 when created (offline), 200 when "
            + "updated. Left out: team 'default', territories ['national'], all products, UTC, always on shift.")
    @APIResponse(responseCode = "200", description = "Updated.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepView.class)))
    @APIResponse(responseCode = "201", description = "Created (offline).", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepView.class)))
    public Uni<Response> save(@PathParam("repId") String repId, RepDetails details) {
        RepProfile profile = profile(repId, details == null
                ? new RepDetails(null, null, null, null, null, null, null, null, null, null, null) : details);
        return roster.save(repId, profile)
                .chain(created -> roster.find(repId, caller.actor()).map(rep -> Response.status(created ? 201 : 200)
                        .entity(RepView.of(rep)).build()));
    }

    @PUT
    @Path("/{repId}/presence")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a rep's presence (the rep, their team lead, an operator)",
            description = "available, busy, away or offline. Offline hands on the leads the rep has not called.")
    public Uni<RepView> presence(@PathParam("repId") String repId, PresenceChange change) {
        Presence presence = change == null || change.status() == null ? null
                : Presence.fromWireName(change.status()).orElse(null);
        if (presence == null) {
            throw new Problem(422, "invalid-presence", "Unprocessable Content", "see errors",
                    List.of(new FieldProblem("status", "one of " + Arrays.stream(Presence.values())
                            .map(Presence::wireName).toList())), null);
        }
        return roster.setPresence(repId, presence, caller.actor()).map(RepView::of);
    }

    @POST
    @Path("/{repId}/heartbeat")
    @Operation(summary = "The rep's client is alive", description = "Once a client has sent one, a rep whose "
            + "heartbeats stop for the configured timeout (90 s) becomes away.")
    public Uni<RepView> heartbeat(@PathParam("repId") String repId) {
        return roster.heartbeat(repId, caller.actor()).map(RepView::of);
    }

    @GET
    @Operation(summary = "The reps the caller may see", description = "Operators: all; team leads: their team; "
            + "reps: themselves.")
    public Uni<RestResponse<List<RepView>>> list(@BeanParam PageParams paging, @Context UriInfo request) {
        PageRequest page = paging.on("reps", 1);
        return roster.list(caller.actor(), page)
                .map(reps -> page.page(reps, rep -> List.of(rep.id)).map(RepView::of).response(request));
    }

    @GET
    @Path("/{repId}")
    public Uni<RepView> get(@PathParam("repId") String repId) {
        return roster.find(repId, caller.actor()).map(RepView::of);
    }

    @GET
    @Path("/{repId}/leads")
    @Operation(summary = "The leads a rep holds now")
    public Uni<List<HeldLead>> leads(@PathParam("repId") String repId) {
        return roster.find(repId, caller.actor()).chain(rep -> lookup.heldBy(rep.id))
                .map(held -> held.stream().map(HeldLead::of).toList());
    }

    private static RepProfile profile(String repId, RepDetails details) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!ID.matcher(repId).matches()) {
            problems.add(new FieldProblem("repId", "2-63 lower-case letters, digits or dashes"));
        }
        if (details.name() == null || details.name().isBlank() || details.name().length() > 200) {
            problems.add(new FieldProblem("name", "is required, at most 200 characters"));
        }
        if (details.email() != null && !details.email().matches("^[^@\\s]+@[^@\\s]+$")) {
            problems.add(new FieldProblem("email", "an email address such as alex@example.com"));
        }
        int capacity = details.capacity() == null ? 3 : details.capacity();
        if (capacity < 1 || capacity > 100) {
            problems.add(new FieldProblem("capacity", "open leads at once, from 1 to 100"));
        }
        String teamId = details.teamId() == null ? Team.DEFAULT : details.teamId();
        ZoneId zone = zone(details.timeZone(), problems);
        Hours hours = details.workingHours() == null ? new Hours("00:00", "00:00", List.of()) : details.workingHours();
        LocalTime start = time(hours.start(), "workingHours.start", problems);
        LocalTime end = time(hours.end(), "workingHours.end", problems);
        Set<DayOfWeek> daysOff = days(hours.daysOff(), problems);
        double conversion = details.conversionRate() == null ? 0 : details.conversionRate();
        if (conversion < 0 || conversion > 1) {
            problems.add(new FieldProblem("conversionRate", "a share from 0 to 1, such as 0.23"));
        }
        int weight = details.weight() == null ? 1 : details.weight();
        if (weight < 1 || weight > 100) {
            problems.add(new FieldProblem("weight", "weighted round robin's share, from 1 to 100"));
        }
        Set<String> territories = names(details.territories(), Set.of(Coverage.NATIONAL), "territories", problems);
        Set<String> products = names(details.products(), Set.of(), "products", problems);
        if (!problems.isEmpty()) {
            throw new Problem(422, "invalid-rep", "Unprocessable Content", "see errors", problems, null);
        }
        return new RepProfile(details.name().strip(), details.email(), capacity, teamId, territories, products,
                zone.getId(), start, end, daysOff, conversion, weight, details.active() == null || details.active());
    }

    private static ZoneId zone(String name, List<FieldProblem> problems) {
        try {
            return name == null ? ZoneId.of("UTC") : ZoneId.of(name);
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("timeZone", "an IANA time zone such as Europe/London"));
            return ZoneId.of("UTC");
        }
    }

    private static LocalTime time(String value, String field, List<FieldProblem> problems) {
        try {
            return value == null ? LocalTime.MIDNIGHT : LocalTime.parse(value);
        } catch (DateTimeException e) {
            problems.add(new FieldProblem(field, "a time of day, HH:mm, such as 09:00"));
            return LocalTime.MIDNIGHT;
        }
    }

    private static Set<DayOfWeek> days(List<String> names, List<FieldProblem> problems) {
        Set<DayOfWeek> days = new LinkedHashSet<>();
        for (String name : names == null ? List.<String>of() : names) {
            try {
                days.add(DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (RuntimeException e) {
                problems.add(new FieldProblem("workingHours.daysOff", "days of the week, such as saturday"));
            }
        }
        return days;
    }

    private static Set<String> names(List<String> names, Set<String> fallback, String field,
                                     List<FieldProblem> problems) {
        if (names == null) {
            return fallback;
        }
        Set<String> clean = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank() || name.contains(",") || name.length() > 60) {
                problems.add(new FieldProblem(field, "names of at most 60 characters, without commas"));
            } else {
                clean.add(name.strip());
            }
        }
        return clean;
    }
}
