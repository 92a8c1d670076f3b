package io.warmline.routing.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import io.warmline.routing.domain.ReportGrouping;
import io.warmline.routing.domain.ReportPeriod;
import io.warmline.routing.domain.WireName;
import io.warmline.routing.service.SpeedReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The speed-to-lead report: how fast leads were called, by team, rep, vendor or tier. */
@Path("/reports/speed-to-lead")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEAM_LEAD, Roles.OPERATOR})
@RunsToCompletion
public class ReportResource {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

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
    public Uni<Response> lines(
            @Parameter(description = "start of the period, an instant (2026-11-20T00:00:00Z)") @QueryParam("from")
            String from,
            @Parameter(description = "end of the period, exclusive") @QueryParam("to") String to,
            @Parameter(description = "team (default), rep, vendor or tier") @QueryParam("by") String by,
            @Parameter(description = "lines per page, 1-200 (default 50)") @QueryParam("limit") String limit,
            @Parameter(description = "from the previous page's Link header") @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        List<FieldProblem> problems = new ArrayList<>();
        ReportPeriod.Reading period = ReportPeriod.read(from, to, clock);
        period.problems().forEach(problem -> problems.add(field(problem)));
        ReportGrouping grouping = by == null || by.isBlank() ? ReportGrouping.TEAM
                : WireName.parse(ReportGrouping.class, by).orElse(null);
        if (grouping == null) {
            problems.add(new FieldProblem("by", "one of " + WireName.choices(ReportGrouping.class)));
        }
        int size = limit(limit, problems);
        String after = after(cursor, problems);
        if (!problems.isEmpty()) {
            throw new Problem(400, "invalid-report-request", "Bad Request", "see errors", problems, null);
        }
        return report.lines(caller.actor(), period.period(), grouping, after, size).map(page -> {
            Response.ResponseBuilder answer = Response.ok(page.lines());
            if (page.lastKey() != null) {
                String next = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(page.lastKey().getBytes(StandardCharsets.UTF_8));
                answer.link(uri.getRequestUriBuilder().replaceQueryParam("cursor", next)
                        .replaceQueryParam("from", period.period().from())
                        .replaceQueryParam("to", period.period().to()).build(), "next");
            }
            return answer.build();
        });
    }

    private static FieldProblem field(String problem) {
        int colon = problem.indexOf(':');
        return new FieldProblem(problem.substring(0, colon), problem.substring(colon + 1).trim());
    }

    private static int limit(String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        problems.add(new FieldProblem("limit", "a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static String after(String cursor, List<FieldProblem> problems) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("cursor", "not a cursor this API gave out: take it from the Link header"));
            return null;
        }
    }
}
