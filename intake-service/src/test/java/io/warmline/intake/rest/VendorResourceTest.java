package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.intake.config.TestClock;
import io.warmline.platform.testing.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operators' vendor API. */
@QuarkusTest
class VendorResourceTest {

    @Inject
    TestClock clock;

    @Inject
    Pool database;

    @Test
    void registersAVendorWithAGeneratedSecretShownOnceAndStoredSealed() {
        TestVendor vendor = TestVendor.register(clock, 120);
        assertTrue(vendor.secret.startsWith("whsec_"));
        assertEquals(32, Base64.getDecoder().decode(vendor.secret.substring("whsec_".length())).length);
        String stored = database.preparedQuery("SELECT sealed_secret FROM vendor WHERE id = $1")
                .execute(Tuple.of(vendor.id)).await().indefinitely().iterator().next().getString(0);
        assertFalse(stored.contains(vendor.secret.substring("whsec_".length())), "the secret is sealed at rest");

        Operators.operator().get("/vendors/{v}", vendor.id).then().statusCode(200)
                .body("id", equalTo(vendor.id)).body("enabled", equalTo(true))
                .body("requestsPerMinute", equalTo(120)).body("$", not(hasKey("secret")));
        List<Map<String, Object>> vendors = Pages.walk(Operators::operator, "/vendors?limit=500", page -> { });
        assertTrue(vendors.stream().anyMatch(row -> vendor.id.equals(row.get("id"))));
        assertTrue(vendors.stream().noneMatch(row -> row.containsKey("secret")), "no secret in the list");
    }

    @Test
    void answersTheLocationAndTheServiceDefaultRateLimit() {
        Operators.operator().contentType("application/json").body("{\"id\":\"loc-" + System.nanoTime() + "\",\"name\":\"Loc\"}")
                .post("/vendors").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/vendors/loc-"))
                .body("defaultRegion", equalTo("GB")).body("requestsPerMinute", equalTo(600));
    }

    @Test
    void refusesADuplicateRegistrationAndNamesEachInvalidField() {
        TestVendor vendor = TestVendor.register(clock);
        LeadRefusalsTest.refused(Operators.operator().contentType("application/json")
                .body("{\"id\":\"" + vendor.id + "\",\"name\":\"Again\"}").post("/vendors").then(), 409, "vendor-exists");
        LeadRefusalsTest.refused(Operators.operator().contentType("application/json")
                .body("{\"id\":\"Bad Id\",\"defaultRegion\":\"Britain\",\"requestsPerMinute\":0}").post("/vendors")
                .then(), 422, "invalid-vendor")
                .body("errors.field", contains("id", "name", "defaultRegion", "requestsPerMinute"));
    }

    @Test
    void disablesAndEnablesAVendor() {
        TestVendor vendor = TestVendor.register(clock);
        Operators.operator().post("/vendors/{v}/disable", vendor.id).then().statusCode(200).body("enabled", equalTo(false));
        Operators.operator().get("/vendors/{v}", vendor.id).then().body("enabled", equalTo(false));
        Operators.operator().post("/vendors/{v}/enable", vendor.id).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void rotatesASecretKeepingTheOldOneForTheGracePeriod() {
        TestVendor vendor = TestVendor.register(clock);
        String validUntil = clock.instant().plus(Duration.ofHours(24)).toString();
        Operators.operator().post("/vendors/{v}/rotate-secret", vendor.id).then().statusCode(200)
                .body("secret", not(equalTo(vendor.secret)))
                .body("previousSecretValidUntil", equalTo(validUntil));
        Operators.operator().get("/vendors/{v}", vendor.id).then().body("previousSecretValidUntil", equalTo(validUntil));

        clock.advance(Duration.ofHours(24));
        Operators.operator().get("/vendors/{v}", vendor.id).then().body("previousSecretValidUntil", nullValue());
    }

    @Test
    void theAuditLogSaysWhichOperatorRegisteredDisabledAndRotatedAVendorWithoutItsSecrets() {
        TestVendor vendor = TestVendor.register(clock);
        Operators.operator().post("/vendors/{v}/disable", vendor.id).then().statusCode(200);
        String rotated = Operators.operator().queryParam("gracePeriod", "PT1H")
                .post("/vendors/{v}/rotate-secret", vendor.id).then().statusCode(200).extract().path("secret");
        // A refused change leaves no entry.
        given().auth().oauth2(Operators.token("rep")).post("/vendors/{v}/enable", vendor.id).then().statusCode(403);

        var audit = Operators.operator().get("/operations/audit").then().statusCode(200).extract();
        var mine = audit.jsonPath().getList("findAll { it.subject == '" + vendor.id + "' }.action");
        assertEquals(java.util.List.of("vendor.secret-rotated", "vendor.disabled", "vendor.registered"), mine,
                "newest first");
        assertEquals("operator-1", audit.jsonPath().getString("find { it.subject == '" + vendor.id + "' }.actor"));
        assertEquals("PT1H", audit.jsonPath().getString(
                "find { it.action == 'vendor.secret-rotated' && it.subject == '" + vendor.id + "' }.detail.gracePeriod"));
        String body = audit.asString();
        assertFalse(body.contains(vendor.secret) || body.contains(rotated), "no secret in the audit log");
        given().auth().oauth2(Operators.token("rep")).get("/operations/audit").then().statusCode(403);
    }

    @Test
    void refusesAGracePeriodOutOfBounds() {
        TestVendor vendor = TestVendor.register(clock);
        for (String grace : new String[] {"P8D", "-PT1H", "tomorrow"}) {
            LeadRefusalsTest.refused(Operators.operator().queryParam("gracePeriod", grace)
                    .post("/vendors/{v}/rotate-secret", vendor.id).then(), 422, "invalid-rotation")
                    .body("errors.field", contains("gracePeriod"));
        }
    }

    @Test
    void answersNotFoundForAnUnknownVendor() {
        LeadRefusalsTest.refused(Operators.operator().get("/vendors/no-such-vendor").then(), 404, "not-found");
        LeadRefusalsTest.refused(Operators.operator().post("/vendors/no-such-vendor/disable").then(), 404, "not-found");
        LeadRefusalsTest.refused(Operators.operator().post("/vendors/no-such-vendor/rotate-secret").then(), 404, "not-found")
                .body("instance", endsWith("/vendors/no-such-vendor/rotate-secret"));
    }

    @Test
    void theOperatorsApiRefusesACallWithoutAToken() {
        TestVendor vendor = TestVendor.register(clock, 120);
        LeadRefusalsTest.refused(given().get("/vendors").then(), 401, "unauthenticated")
                .header("WWW-Authenticate", equalTo("Bearer"));
        LeadRefusalsTest.refused(given().auth().oauth2("not.a.token").post("/vendors/{v}/disable", vendor.id).then(),
                401, "unauthenticated");
        Operators.operator().get("/vendors/{v}", vendor.id).then().body("enabled", equalTo(true));
    }

    @Test
    void onlyOperatorsManageVendors() {
        TestVendor vendor = TestVendor.register(clock, 120);
        LeadRefusalsTest.refused(given().auth().oauth2(Operators.token("rep")).post("/vendors/{v}/disable", vendor.id)
                .then(), 403, "forbidden");
        Operators.operator().get("/vendors/{v}", vendor.id).then().body("enabled", equalTo(true));
    }
}
