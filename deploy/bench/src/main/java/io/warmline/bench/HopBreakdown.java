package io.warmline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the time goes: for the benchmark's leads of one step, the time between the commits of consecutive services (each
 * hop is relay + Kafka + consumer + that service's transaction), read from each service's own table as the
 * database superuser (a benchmark may look across schemas; the services never do).
 */
final class HopBreakdown {

    private static final String SQL = """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
              FROM (%s) hop(ms)""";

    /** The hops of the leads received from {@code from} (inclusive) to {@code to} (exclusive). */
    static Map<String, double[]> measure(String jdbcUrl, String vendorPrefix, Instant from, Instant to) {
        Map<String, String> hops = new LinkedHashMap<>();
        String leads = "SELECT id, received_at FROM intake.lead WHERE vendor_id LIKE '" + vendorPrefix + "%'"
                + " AND received_at >= '" + from + "' AND received_at < '" + to + "'";
        String scored = "SELECT lead_id, min(scored_at) AS at FROM scoring.lead_score GROUP BY lead_id";
        String assigned = "SELECT lead_id, min(assigned_at) AS at FROM routing.assignment GROUP BY lead_id";
        String alerted = "SELECT lead_id, min(created_at) AS at FROM notification.alert GROUP BY lead_id";
        hops.put("intake commit -> scoring commit", "SELECT extract(epoch FROM s.at - l.received_at) * 1000 FROM ("
                + leads + ") l JOIN (" + scored + ") s ON s.lead_id = l.id");
        hops.put("scoring commit -> routing commit", "SELECT extract(epoch FROM a.at - s.at) * 1000 FROM (" + leads
                + ") l JOIN (" + scored + ") s ON s.lead_id = l.id JOIN (" + assigned + ") a ON a.lead_id = l.id");
        hops.put("routing commit -> notification commit", "SELECT extract(epoch FROM n.at - a.at) * 1000 FROM ("
                + leads + ") l JOIN (" + assigned + ") a ON a.lead_id = l.id JOIN (" + alerted + ") n ON n.lead_id = l.id");
        Map<String, double[]> result = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            for (var hop : hops.entrySet()) {
                try (ResultSet row = statement.executeQuery(SQL.formatted(hop.getValue()))) {
                    row.next();
                    result.put(hop.getKey(), new double[]{row.getDouble(1), row.getDouble(2)});
                }
            }
        } catch (Exception e) {
            Benchmark.say("hop breakdown unavailable: " + e.getMessage());
        }
        return result;
    }

    private HopBreakdown() {
    }
}
