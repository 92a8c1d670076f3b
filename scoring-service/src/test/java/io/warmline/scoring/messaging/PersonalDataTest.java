package io.warmline.scoring.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.testing.DataKeys;
import io.warmline.platform.testing.EventSchema;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.warmline.scoring.messaging.Broker.LEAD_ERASED;
import static io.warmline.scoring.messaging.Broker.LEAD_RECEIVED;
import static io.warmline.scoring.messaging.Fixtures.leadErased;
import static io.warmline.scoring.messaging.Fixtures.leadReceivedV2;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Personal data in scoring, on the real broker and database: the notes of a v2 LeadReceived are opened with the
 * lead's data key and count in the score; intake's LeadErased clears them; a lead erased before scoring read it is
 * scored without them.
 */
@QuarkusTest
class PersonalDataTest {

    final Broker broker = Broker.shared();
    final ObjectMapper json = new ObjectMapper();

    @Inject
    Pool database;

    private ObjectNode personal() {
        return json.createObjectNode().put("name", "Sam Taylor").put("phone", "+447911123456")
                .put("notes", "wants a quote");
    }

    @Test
    void theFixturesAreWhatIntakePublishes() {
        UUID leadId = UUID.randomUUID();
        EventSchema.of("intake-service", "lead-received.v2.json").assertValid(leadReceivedV2(UUID.randomUUID(),
                leadId, "demo_request", Instant.now(), DataKeys.seal(leadId, personal()).toString()));
        EventSchema.of("intake-service", "lead-erased.v1.json").assertValid(leadErased(UUID.randomUUID(), leadId));
    }

    @Test
    void sealedNotesCountAndAreErasedWithTheLead() throws Exception {
        UUID leadId = UUID.randomUUID();
        broker.send(LEAD_RECEIVED, leadId, leadReceivedV2(UUID.randomUUID(), leadId, "callback_agreed",
                Instant.now().minus(Duration.ofMinutes(10)), DataKeys.seal(leadId, personal()).toString()));

        JsonNode scored = broker.awaitScored(leadId);
        assertTrue(factorNames(scored).contains("qualifying-notes"), factorNames(scored).toString());
        assertFalse(broker.rawScored(leadId, 0).contains("7911"), "LeadScored passes the contact on sealed");
        assertEquals("wants a quote", evidenceNotes(leadId));

        broker.send(LEAD_ERASED, leadId, leadErased(UUID.randomUUID(), leadId));
        await().atMost(Broker.PATIENCE).until(() -> evidenceNotes(leadId) == null);
        JsonNode details = json.readTree(row("SELECT details FROM lead WHERE lead_id = $1", leadId).getString(0));
        assertFalse(details.has("personal"), details.toString());
        assertEquals("London", details.at("/contact/region").asText(), "what routing needs stays");
    }

    @Test
    void aLeadErasedBeforeScoringReadItIsScoredWithoutItsNotes() {
        UUID leadId = UUID.randomUUID();
        String sealed = DataKeys.seal(leadId, personal()).toString();
        DataKeys.destroy(leadId);
        broker.send(LEAD_RECEIVED, leadId, leadReceivedV2(UUID.randomUUID(), leadId, "callback_agreed",
                Instant.now().minus(Duration.ofMinutes(10)), sealed));

        JsonNode scored = broker.awaitScored(leadId);
        assertFalse(factorNames(scored).contains("qualifying-notes"), factorNames(scored).toString());
        assertNull(evidenceNotes(leadId));
    }

    private String evidenceNotes(UUID leadId) {
        return row("SELECT notes FROM lead_evidence WHERE source_lead_id = $1", leadId).getString(0);
    }

    private Row row(String sql, UUID leadId) {
        return database.preparedQuery(sql).execute(Tuple.of(leadId)).await().indefinitely().iterator().next();
    }

    private static List<String> factorNames(JsonNode scored) {
        return StreamSupport.stream(scored.at("/data/factors").spliterator(), false)
                .map(factor -> factor.get("name").asText()).toList();
    }
}
