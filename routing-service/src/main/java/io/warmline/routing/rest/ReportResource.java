package io.warmline.routing.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.rest.PageParams;
import io.warmline.platform.rest.PageRequest;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.routing.domain.ReportGrouping;
import io.warmline.routing.domain.ReportPeriod;
import io.warmline.routing.domain.WireName;
import io.warmline.routing.service.SpeedReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The speed-to-lead report: how fast leads were called, by team, rep, vendor or tier. */
@Path("/reports/speed-to-lead")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEAM_LEAD, Roles.OPERATOR})
@RunsToCompletion
public class ReportResource {

    private final SpeedReport report;
    private final Caller caller;
    private final Clock clock;

    ReportResource(SpeedReport report, Caller caller, Clock clock) {
        this.report = report;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "For the leads received in [from, to) (default: the last 7 days; at most 92 days), one line "
            + "per team, rep, vendor or tier: leads, share called within the deadline, time to first call (p50, p90, "
            + "seconds), connects, next steps, lapses, closures by reason. Operators: every lead; team leads: their "
            + "team's. Paged in key order: a Link header with rel=\"next\" gives the next page.")
    @APIResponse(responseCode = "200", description = "One line per key, in key order.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = SpeedReport.Line.class)))
    @APIResponse(responseCode = "400", description = "`invalid-report-request`: from or to not an instant, from not "
            + "before to, a period over 92 days, or by not one of team, rep, vendor, tier (`errors` names each); "
            + "`invalid-limit`, `invalid-cursor`.")
    public Uni<RestResponse<List<SpeedReport.Line>>> lines(
            @Parameter(description = "start of the period, an instant (2026-11-20T00:00:00Z)") @QueryParam("from")
            String from,
            @Parameter(description = "end of the period, exclusive") @QueryParam("to") String to,
            @Parameter(description = "team (default), rep, vendor or tier") @QueryParam("by") String by,
            @BeanParam PageParams paging, @Context UriInfo uri) {
        ReportPeriod.Reading period = ReportPeriod.read(from, to, clock);
        List<FieldProblem> problems = new ArrayList<>(period.problems());
        ReportGrouping grouping = by == null || by.isBlank() ? ReportGrouping.TEAM
                : WireName.parse(ReportGrouping.class, by).orElse(null);
        if (grouping == null) {
            problems.add(new FieldProblem("by", "one of " + WireName.choices(ReportGrouping.class)));
        }
        if (!problems.isEmpty()) {
            throw new Problem(400, "invalid-report-request", "Bad Request", "see errors", problems, null);
        }
        PageRequest page = paging.on("speed-to-lead-" + WireName.of(grouping), 1);
        return report.lines(caller.actor(), period.period(), grouping, page.first() ? null : page.afterText(0),
                        page.rowsToFetch())
                .map(lines -> page.page(lines, line -> List.of(line.key()))
                        // The next page covers the same period, even when it defaulted to "up to now".
                        .response(uri.getRequestUriBuilder().replaceQueryParam("from", period.period().from())
                                .replaceQueryParam("to", period.period().to())));
    }
}
