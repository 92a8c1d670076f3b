package io.warmline.bench;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The floor of one committed write on the same PostgreSQL: an insert in its own transaction, as a hop commits.
 * A regular (logged) table, so each commit waits for its WAL flush like the services' commits do.
 */
final class PostgresFloor {

    static Percentiles measure(String jdbcUrl, int commits) throws Exception {
        Histogram micros = Percentiles.histogram();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS public.bench_floor");
                ddl.execute("CREATE TABLE public.bench_floor (id BIGINT PRIMARY KEY, payload TEXT)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO public.bench_floor VALUES (?, ?)")) {
                String payload = "x".repeat(800);
                for (int i = 0; i < commits; i++) {
                    long start = System.nanoTime();
                    insert.setLong(1, i);
                    insert.setString(2, payload);
                    insert.executeUpdate();
                    micros.recordValue((System.nanoTime() - start) / 1000);
                }
            }
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP TABLE public.bench_floor");
            }
        }
        return Percentiles.of(micros);
    }

    private PostgresFloor() {
    }
}
