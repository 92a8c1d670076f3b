package io.warmline.notification.testing;

import io.warmline.platform.testing.Stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A plain JDBC connection to the module's database ({@link Stack}) as this service's role, for tests outside Quarkus. */
public final class NotificationDatabase {

    private NotificationDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(Stack.module().jdbcUrl(), "notification",
                System.getenv().getOrDefault("WARMLINE_DB_PASSWORD", "notification"));
    }
}
