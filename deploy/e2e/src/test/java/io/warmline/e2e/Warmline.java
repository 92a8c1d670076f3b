package io.warmline.e2e;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/** Where the running services are (deploy/test.sh sets these), and what a vendor must do to sign a request. */
final class Warmline {

    static final String INTAKE = env("WARMLINE_INTAKE_URL", "http://127.0.0.1:8081");
    static final String ROUTING = env("WARMLINE_ROUTING_URL", "http://127.0.0.1:8083");
    static final String NOTIFICATION = env("WARMLINE_NOTIFICATION_URL", "http://127.0.0.1:8084");
    static final String DATABASE = env("WARMLINE_PG_URL", "jdbc:postgresql://127.0.0.1:15432/warmline");

    private Warmline() {
    }

    /** The README's recipe: HMAC-SHA256 keyed with the base64 after whsec_, over id.timestamp.body, as v1,base64. */
    static String sign(String secret, String messageId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
