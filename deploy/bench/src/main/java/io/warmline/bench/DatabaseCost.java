package io.warmline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step cost the database, from PostgreSQL's own statistics read as the superuser: commits, rows written and
 * WAL bytes (pg_stat_database, pg_stat_wal), and the statements run most often (pg_stat_statements, loaded by
 * deploy/local/infra.sh; reset at each step's start). Divided by the step's leads by the report.
 */
final class DatabaseCost implements AutoCloseable {

    /** Counters at one moment. */
    record Counters(long commits, long rowsWritten, long walBytes) {

        Counters minus(Counters before) {
            return new Counters(commits - before.commits, rowsWritten - before.rowsWritten,
                    walBytes - before.walBytes);
        }
    }

    /** One statement's share of a step: calls, rows and total time. */
    record FrequentStatement(String role, String query, long calls, long rows, double totalMillis) {
    }

    private static final int TOP = 12;

    private final Connection connection;
    private final boolean statements;

    DatabaseCost(String jdbcUrl) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        boolean available;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.executeQuery("SELECT count(*) FROM pg_stat_statements").close();
            available = true;
        } catch (SQLException e) {
            Benchmark.say("pg_stat_statements unavailable (" + e.getMessage().lines().findFirst().orElse("")
                    + "): no statements per lead in the report");
            available = false;
        }
        statements = available;
    }

    /** Starts a step: statement statistics from zero. */
    Counters start() throws SQLException {
        if (statements) {
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT pg_stat_statements_reset()").close();
            }
        }
        return counters();
    }

    Counters counters() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT xact_commit, tup_inserted + tup_updated + tup_deleted,
                            (SELECT wal_bytes FROM pg_stat_wal)::bigint
                       FROM pg_stat_database WHERE datname = current_database()""")) {
            row.next();
            return new Counters(row.getLong(1), row.getLong(2), row.getLong(3));
        }
    }

    /** The services' most frequent statements since {@link #start()}, the superuser's own left out. */
    List<FrequentStatement> topStatements() throws SQLException {
        List<FrequentStatement> top = new ArrayList<>();
        if (!statements) {
            return top;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT r.rolname, regexp_replace(s.query, '\\s+', ' ', 'g'), s.calls, s.rows,
                            s.total_exec_time
                       FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
                      WHERE r.rolname <> 'postgres'
                      ORDER BY s.calls DESC LIMIT %d""".formatted(TOP))) {
            while (rows.next()) {
                top.add(new FrequentStatement(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                        rows.getDouble(5)));
            }
        }
        return top;
    }

    /** Calls of all the services' statements since {@link #start()}. */
    long statementCalls() throws SQLException {
        if (!statements) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT coalesce(sum(s.calls), 0) FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
                      WHERE r.rolname <> 'postgres'""")) {
            row.next();
            return row.getLong(1);
        }
    }

    static Map<String, Object> perLead(Counters step, long statementCalls, long leads) {
        Map<String, Object> figures = new LinkedHashMap<>();
        double n = Math.max(1, leads);
        figures.put("commits_per_lead", round(step.commits() / n));
        figures.put("rows_written_per_lead", round(step.rowsWritten() / n));
        figures.put("wal_bytes_per_lead", Math.round(step.walBytes() / n));
        figures.put("statements_per_lead", round(statementCalls / n));
        return figures;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
