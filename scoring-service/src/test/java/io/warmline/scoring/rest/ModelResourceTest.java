package io.warmline.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.warmline.scoring.messaging.Broker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.warmline.scoring.messaging.Fixtures.leadReceived;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Operators read, publish, roll back and try out model versions; a published one scores new leads at once. */
@QuarkusTest
class ModelResourceTest {

    static final int STANDARD = 1;
    final Broker broker = Broker.shared();
    int activeBefore;

    /** Each test starts from the standard model, and leaves whatever was active before as it found it. */
    @BeforeEach
    void startFromTheStandardModel() {
        activeBefore = Operators.operator().get("/models/active").then().statusCode(200).extract().path("version");
        Operators.operator().post("/models/{v}/activate", STANDARD).then().statusCode(200);
    }

    @AfterEach
    void putTheActiveVersionBack() {
        Operators.operator().post("/models/{v}/activate", activeBefore).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void theStandardModelIsVersionOneAndReadable() {
        Operators.operator().get("/models/1").then().statusCode(200)
                .body("version", equalTo(1))
                .body("createdBy", equalTo("warmline"))
                .body("model.signals.callback_agreed.halfLife", equalTo("PT6H"))
                .body("model.signals.email_open.intent", equalTo("weak"))
                .body("model.tiers.hot.minScore", equalTo(75))
                .body("model.tiers.cool.respond", equalTo("same-business-day"))
                .body("model.businessDay.closesAt", equalTo("17:30"));
    }

    @Test
    void aPublishedModelScoresNewLeadsAtOnceAndTheOldVersionStaysReadable() {
        Map<String, Object> model = activeModel();
        signal(model, "demo_request").put("points", 70);

        int version = Operators.operator().contentType("application/json")
                .body(Map.of("createdBy", "ops@example.com", "notes", "demo requests are worth less", "model", model))
                .post("/models").then().statusCode(201)
                .header("Location", containsString("/models/"))
                .body("active", equalTo(true))
                .body("createdBy", equalTo("ops@example.com"))
                .body("model.signals.demo_request.points", equalTo(70))
                .extract().path("version");

        UUID leadId = UUID.randomUUID();
        broker.send(Broker.LEAD_RECEIVED, leadId, leadReceived(leadId, "demo_request", Instant.now()));
        JsonNode data = broker.awaitScored(leadId).get("data");
        assertEquals(version, data.get("modelVersion").asInt());
        assertEquals(70, data.get("score").asInt());

        Operators.operator().get("/models/active").then().body("version", equalTo(version));
        Operators.operator().get("/operations/audit").then().statusCode(200)
                .body("find { it.action == 'model.published' }.detail.version", equalTo(version))
                .body("find { it.action == 'model.published' }.subject", equalTo("warmth-model"));
        Operators.operator().get("/models/{v}", STANDARD).then().statusCode(200).body("active", equalTo(false))
                .body("model.signals.demo_request.points", equalTo(85));
        Operators.operator().get("/models").then().statusCode(200)
                .body("version", hasItems(version, STANDARD))
                .body("find { it.version == " + version + " }.active", equalTo(true))
                .body("model", everyItem(nullValue()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInvalidModelIsRefusedWholeWithEveryFieldNamed() {
        Map<String, Object> model = activeModel();
        signal(model, "email_open").put("halfLife", "-PT1H");
        tier(model, "warm").put("minScore", 80);
        ((Map<String, Object>) model.get("signals")).put("fax_sent",
                Map.of("intent", "weak", "points", 5, "halfLife", "P1D", "reason", "sent a fax"));

        refused(Map.of("createdBy", "ops@example.com", "model", model), 422, "invalid-model")
                .body("errors.field", equalTo(List.of("model.signals.email_open.halfLife", "model.signals.fax_sent",
                        "model.tiers.warm.minScore")))
                .body("errors.reason", hasItem(containsString("must be positive")))
                .body("detail", containsString("nothing was stored"));
        Operators.operator().get("/models/active").then().body("version", equalTo(STANDARD));
    }

    @Test
    void aBodyThatIsNotAModelIsRefusedWithTheFieldToFix() {
        Map<String, Object> model = activeModel();
        signal(model, "demo_request").put("halfLife", "12 hours");
        refused(Map.of("createdBy", "ops", "model", model), 422, "invalid-model")
                .body("errors[0].field", equalTo("model.signals.demo_request.halfLife"))
                .body("errors[0].reason", containsString("ISO-8601 duration"));

        Map<String, Object> misspelt = activeModel();
        signal(misspelt, "demo_request").put("halfLive", "PT1H");
        refused(Map.of("createdBy", "ops", "model", misspelt), 422, "invalid-model")
                .body("errors[0].field", equalTo("model.signals.demo_request.halfLive"))
                .body("errors[0].reason", containsString("unknown field"));

        refused(Map.of("model", activeModel()), 422, "invalid-model").body("errors[0].field", equalTo("createdBy"));
        refused("{\"createdBy\": ", 400, "malformed-json");
        Operators.operator().contentType("text/plain").body("hello").post("/models").then().statusCode(415)
                .contentType("application/problem+json");
        Operators.operator().get("/models/active").then().body("version", equalTo(STANDARD));
    }

    @Test
    void anUnknownVersionIsNotFound() {
        Operators.operator().get("/models/{v}", 999_999).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:model-not-found"));
        Operators.operator().post("/models/{v}/activate", 999_999).then().statusCode(404)
                .body("type", equalTo("urn:warmline:problem:model-not-found"));
        Operators.operator().get("/models/latest-and-greatest").then().statusCode(404)
                .body("type", equalTo("urn:warmline:problem:not-found"));
    }

    @Test
    void anOlderVersionCanBeActivatedAgain() {
        Map<String, Object> model = activeModel();
        int newer = Operators.operator().contentType("application/json").body(Map.of("createdBy", "ops", "model", model))
                .post("/models").then().statusCode(201).extract().path("version");

        Operators.operator().post("/models/{v}/activate", STANDARD).then().statusCode(200)
                .body("version", equalTo(STANDARD)).body("active", equalTo(true));
        Operators.operator().get("/models/active").then().body("version", equalTo(STANDARD));
        Operators.operator().get("/models/{v}", newer).then().body("active", equalTo(false));
    }

    @Test
    void aDryRunScoresASampleLeadUnderBothModelsAndStoresNothing() {
        Map<String, Object> model = activeModel();
        signal(model, "demo_request").put("points", 60);
        int versions = Operators.operator().get("/models").then().extract().path("size()");
        String now = Instant.now().toString();

        Operators.operator().contentType("application/json")
                .body(Map.of("model", model, "lead", Map.of("signals", List.of(Map.of("type", "demo_request",
                        "occurredAt", now)), "notes", "wants a demo next week")))
                .post("/models/dry-run").then().statusCode(200)
                .body("current.modelVersion", equalTo(STANDARD))
                .body("current.score", equalTo(95))
                .body("current.tier", equalTo("hot"))
                .body("proposed.modelVersion", nullValue())
                .body("proposed.score", equalTo(70))
                .body("proposed.tier", equalTo("warm"))
                .body("proposed.factors.name", equalTo(List.of("signal:demo_request", "qualifying-notes",
                        "stated-timeline")))
                .body("difference.score", equalTo(-25))
                .body("difference.tier.from", equalTo("hot"))
                .body("difference.tier.to", equalTo("warm"));
        Operators.operator().get("/models").then().body("size()", equalTo(versions));
    }

    @Test
    void aDryRunRefusesAnUnsoundProposalOrSample() {
        Map<String, Object> model = activeModel();
        tier(model, "cold").put("minScore", 10);
        refused("/models/dry-run", Map.of("model", model, "lead", Map.of("signals",
                List.of(Map.of("type", "carrier_pigeon", "occurredAt", Instant.now().toString())))), 422, "invalid-model")
                .body("errors.field", equalTo(List.of("model.tiers.cold.minScore", "lead.signals[0].type")));
    }

    /** The active model's definition, as JSON maps an operator would edit. */
    static Map<String, Object> activeModel() {
        return Operators.operator().get("/models/active").then().statusCode(200).extract().jsonPath().getMap("model");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> signal(Map<String, Object> model, String type) {
        return ((Map<String, Map<String, Object>>) model.get("signals")).get(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tier(Map<String, Object> model, String tier) {
        return ((Map<String, Map<String, Object>>) model.get("tiers")).get(tier);
    }

    private static ValidatableResponse refused(Object body, int status, String slug) {
        return refused("/models", body, status, slug);
    }

    private static ValidatableResponse refused(String path, Object body, int status, String slug) {
        return Operators.operator().contentType("application/json").body(body).post(path).then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:" + slug))
                .body("status", equalTo(status));
    }


    @Test
    void theModelApiIsForOperatorsOnly() {
        io.restassured.RestAssured.given().get("/models/active").then().statusCode(401)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo("urn:warmline:problem:unauthenticated"));
        io.restassured.RestAssured.given().auth().oauth2(Operators.token("rep")).get("/models/active").then()
                .statusCode(403).body("type", org.hamcrest.Matchers.equalTo("urn:warmline:problem:forbidden"));
        Operators.operator().get("/models/active").then().statusCode(200);
    }
}
