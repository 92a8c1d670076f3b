package io.warmline.e2e;

import io.warmline.driver.Stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The running system under test (deploy/test.sh sets where), and a look at intake's table to check "not stored". */
final class Warmline {

    static final Stack STACK = Stack.fromEnvironment();
    static final String INTAKE = STACK.intake();
    static final String ROUTING = STACK.routing();
    static final String NOTIFICATION = STACK.notification();
    static final String DATABASE = env("WARMLINE_PG_URL", "jdbc:postgresql://127.0.0.1:15432/warmline");

    private Warmline() {
    }

    /** Counts intake's stored leads for a vendor lead id, read as the intake role would. */
    static long storedLeads(String vendorId, String vendorLeadId) {
        try (Connection connection = DriverManager.getConnection(DATABASE, "intake", "intake");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM intake.lead WHERE vendor_id = ? AND vendor_lead_id = ?")) {
            query.setString(1, vendorId);
            query.setString(2, vendorLeadId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
