package io.warmline.platform.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmline.platform.domain.AesGcm;
import io.warmline.platform.domain.PersonalData;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * A consumer's test plays intake for a lead's data key: it stores one in {@code personal_data.lead_key} and seals
 * the lead's personal data under it as intake's {@code LeadReceived} v2 does, or destroys it as an erasure does.
 * It connects as role {@code intake} (the only one allowed to write keys), with the stack's password for it
 * ({@code WARMLINE_TEST_INTAKE_PASSWORD}, by default the local stacks' {@code intake}), to the database the module's
 * configuration names.
 */
public final class DataKeys {

    private DataKeys() {
    }

    /** A new key for the lead, stored; the lead's {@code personal} block sealed under it. */
    public static ObjectNode seal(UUID leadId, ObjectNode personal) {
        byte[] key = AesGcm.newKey();
        execute("INSERT INTO personal_data.lead_key (lead_id, data_key, created_at) VALUES (?, ?, ?)", statement -> {
            statement.setObject(1, leadId);
            statement.setBytes(2, key);
            statement.setTimestamp(3, Timestamp.from(Instant.now()));
        });
        return PersonalData.seal(personal, key, leadId);
    }

    /** The lead's key destroyed, as intake's erasure does. */
    public static void destroy(UUID leadId) {
        execute("DELETE FROM personal_data.lead_key WHERE lead_id = ?", statement -> statement.setObject(1, leadId));
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static void execute(String sql, Binder binder) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String password = System.getenv().getOrDefault("WARMLINE_TEST_INTAKE_PASSWORD", "intake");
        try (Connection connection = DriverManager.getConnection(url, "intake", password);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write a data key as role intake", e);
        }
    }
}
