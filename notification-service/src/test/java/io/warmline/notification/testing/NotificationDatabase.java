package io.warmline.notification.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A plain JDBC connection to the stack's database as this service's role, for tests outside Quarkus. */
public final class NotificationDatabase {

    private NotificationDatabase() {
    }

    public static Connection connect() throws SQLException {
        String url = System.getenv().getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://"
                + System.getenv().getOrDefault("WARMLINE_PG_HOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("WARMLINE_PG_PORT", "15432") + "/warmline");
        return DriverManager.getConnection(url, "notification",
                System.getenv().getOrDefault("WARMLINE_DB_PASSWORD", "notification"));
    }
}
