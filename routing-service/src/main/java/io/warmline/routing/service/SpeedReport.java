package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.routing.domain.Actor;
import io.warmline.routing.domain.ReportGrouping;
import io.warmline.routing.domain.ReportPeriod;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The speed-to-lead report from its read model ({@link ReportProjection}): for the leads received in a period, one
 * line per team, rep, vendor or tier, in the order of that key. Operators see every lead; a team lead only the leads
 * whose latest assignment was in their team.
 */
@ApplicationScoped
public class SpeedReport {

    /** One group's figures; times to first call are in seconds from the lead's receipt, null when none was called. */
    public record Line(String key, long leads, long called, long calledWithinDeadline, double shareWithinDeadline,
                       Double firstCallP50Seconds, Double firstCallP90Seconds, long connects, long nextSteps,
                       long lapses, Map<String, Long> closures) {
    }

    private static final String NONE = "(none)";

    private final Pool database;

    SpeedReport(Pool database) {
        this.database = database;
    }

    /** At most {@code rows} lines, in key order, after the key {@code after} (null: from the first). */
    public Uni<List<Line>> lines(Actor actor, ReportPeriod period, ReportGrouping grouping, String after, int rows) {
        String key = "coalesce(" + column(grouping) + ", '" + NONE + "')";
        String where = " WHERE received_at >= $1 AND received_at < $2 AND " + key + " > $3"
                + (actor.operator() ? "" : " AND team_id = $5");
        String figures = "SELECT " + key + " AS key, count(*) AS leads,"
                + " count(first_call_at) AS called,"
                + " count(*) FILTER (WHERE first_call_at <= respond_by) AS within,"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_call_at - received_at)) AS p50,"
                + " percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_call_at - received_at)) AS p90,"
                + " count(*) FILTER (WHERE connected) AS connects, count(*) FILTER (WHERE next_step) AS next_steps,"
                + " coalesce(sum(cardinality(lapsed_assignments)), 0) AS lapses"
                + " FROM lead_report" + where + " GROUP BY 1 ORDER BY 1 LIMIT $4";
        String closures = "SELECT " + key + " AS key, closure_reason, count(*) AS closed FROM lead_report" + where
                + " AND closure_reason IS NOT NULL AND " + key + " <= $4 GROUP BY 1, 2";
        Tuple values = Tuple.of(period.from().atOffset(ZoneOffset.UTC), period.to().atOffset(ZoneOffset.UTC),
                after == null ? "" : after, rows);
        if (!actor.operator()) {
            values.addString(actor.team());
        }
        return database.preparedQuery(figures).execute(values).chain(found -> {
            List<Row> lines = new ArrayList<>();
            found.forEach(lines::add);
            if (lines.isEmpty()) {
                return Uni.createFrom().item(List.<Line>of());
            }
            Tuple upToLast = Tuple.of(values.getValue(0), values.getValue(1), values.getValue(2),
                    lines.get(lines.size() - 1).getString("key"));
            if (!actor.operator()) {
                upToLast.addString(actor.team());
            }
            return database.preparedQuery(closures).execute(upToLast).map(closed -> {
                Map<String, Map<String, Long>> byKey = new LinkedHashMap<>();
                closed.forEach(row -> byKey.computeIfAbsent(row.getString("key"), k -> new LinkedHashMap<>())
                        .put(row.getString("closure_reason"), row.getLong("closed")));
                return lines.stream().map(row -> line(row, byKey.getOrDefault(row.getString("key"), Map.of())))
                        .toList();
            });
        });
    }

    private static String column(ReportGrouping grouping) {
        return switch (grouping) {
            case TEAM -> "team_id";
            case REP -> "rep_id";
            case VENDOR -> "vendor_id";
            case TIER -> "tier";
        };
    }

    private static Line line(Row row, Map<String, Long> closures) {
        long leads = row.getLong("leads");
        long within = row.getLong("within");
        return new Line(row.getString("key"), leads, row.getLong("called"), within,
                leads == 0 ? 0 : Math.round(1000.0 * within / leads) / 1000.0, row.getDouble("p50"),
                row.getDouble("p90"), row.getLong("connects"), row.getLong("next_steps"), row.getLong("lapses"),
                closures);
    }
}
