package io.warmline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.ValidatableResponse;
import io.warmline.driver.AlertStream;
import io.warmline.driver.Contacts;
import io.warmline.driver.Tokens;
import io.warmline.driver.WebhookSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A vendor posts signed leads; a connected rep gets the alert. All four services, the real broker and database. */
class LeadToAlertTest {

    static final String VENDOR = "vendor-" + UUID.randomUUID().toString().substring(0, 8);
    static final String REP = "rep-" + UUID.randomUUID().toString().substring(0, 8);
    static final Tokens TOKENS = Warmline.STACK.tokens();
    static String secret;
    static AlertStream stream;

    @BeforeAll
    static void vendorAndRepAreReady() {
        secret = given().baseUri(Warmline.INTAKE).auth().oauth2(TOKENS.operator()).contentType("application/json")
                .body("{\"id\":\"" + VENDOR + "\",\"name\":\"Acme Leads\",\"defaultRegion\":\"GB\"}")
                .post("/vendors").then().statusCode(201).extract().path("secret");
        given().baseUri(Warmline.ROUTING).auth().oauth2(TOKENS.operator()).contentType("application/json")
                .body("{\"name\":\"Alex Morgan\",\"capacity\":10}").put("/reps/{id}", REP)
                .then().statusCode(201);
        stream = new AlertStream(Warmline.STACK, REP);
        await().atMost(Duration.ofSeconds(10)).until(stream::connected);
        given().baseUri(Warmline.ROUTING).auth().oauth2(TOKENS.rep(REP)).contentType("application/json")
                .body("{\"status\":\"available\"}")
                .put("/reps/{id}/presence", REP).then().statusCode(200);
    }

    @AfterAll
    static void closeStreamAndGoOffline() {
        stream.close();
        // Reps share the running system with the other test classes: an available rep left behind would take
        // their leads.
        given().baseUri(Warmline.ROUTING).auth().oauth2(TOKENS.rep(REP)).contentType("application/json")
                .body("{\"status\":\"offline\"}").put("/reps/{id}/presence", REP);
    }

    @Test
    void aSignedLeadReachesTheConnectedRepAsAnAlert() {
        String phone = Contacts.ukMobile();
        String leadId = post("msg-" + UUID.randomUUID(), now(), lead("L-alert", phone))
                .statusCode(202).extract().path("leadId");

        await().atMost(Duration.ofSeconds(30)).until(() -> !stream.alertsFor(leadId).isEmpty());
        JsonNode alert = stream.alertsFor(leadId).get(0);
        assertEquals("Sam Taylor", alert.path("name").asText());
        assertEquals(Contacts.e164(phone), alert.path("phone").asText());
        assertEquals("solar panels", alert.path("interest").asText());
        assertEquals("South-facing roof, wants a quote", alert.path("notes").asText());
        assertEquals("hot", alert.path("tier").asText());
        assertTrue(alert.hasNonNull("respondBy"), "the alert says by when to call");
    }

    @Test
    void theSameWebhookPostedTwiceIsOneLeadAndOneAlert() {
        String messageId = "msg-" + UUID.randomUUID();
        long timestamp = now();
        String body = lead("L-twice");
        String leadId = post(messageId, timestamp, body).statusCode(202).extract().path("leadId");
        post(messageId, timestamp, body).statusCode(200).body("leadId", equalTo(leadId));
        post("msg-" + UUID.randomUUID(), now(), body).statusCode(200).body("leadId", equalTo(leadId));

        await().atMost(Duration.ofSeconds(30)).until(() -> !stream.alertsFor(leadId).isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> stream.alertsFor(leadId).size() == 1);
        assertEquals(1, Warmline.storedLeads(VENDOR, "L-twice"));
        given().baseUri(Warmline.NOTIFICATION).auth().oauth2(TOKENS.rep(REP)).get("/reps/{id}/alerts", REP)
                .then().statusCode(200).body("findAll { it.leadId == '" + leadId + "' }.size()", equalTo(1));
    }

    @Test
    void aLeadWithAnOpenCallWindowIsAlertedWithTheWindowInTheProspectsZoneAndARespondByInsideIt() {
        Instant from = Instant.now().minusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Instant to = from.plusSeconds(1800);
        // No timeZone given: intake derives it from the UK mobile number (London's clock).
        String body = lead("L-window").replace("\"consent\"", "\"preferredCallWindow\":{\"from\":\"" + from
                + "\",\"to\":\"" + to + "\"},\"consent\"");
        String leadId = post("msg-" + UUID.randomUUID(), now(), body).statusCode(202).extract().path("leadId");

        await().atMost(Duration.ofSeconds(30)).until(() -> !stream.alertsFor(leadId).isEmpty());
        JsonNode window = stream.alertsFor(leadId).get(0).path("callWindow");
        assertEquals(from.toString(), window.path("from").asText());
        assertTrue(window.path("hours").asText().matches("\\d\\d:\\d\\d-\\d\\d:\\d\\d Europe/.+"),
                window.path("hours").asText());
        Instant respondBy = Instant.parse(stream.alertsFor(leadId).get(0).path("respondBy").asText());
        assertTrue(!respondBy.isAfter(to), "the respond-by " + respondBy + " falls inside the window");
    }

    @Test
    void aLeadWithoutConsentToBeCalledIsClosedForTheVendorAndNeverAlerted() {
        String body = lead("L-noconsent")
                .replace("\"consent\":{\"granted\":true}", "\"consent\":{\"granted\":false}");
        String leadId = post("msg-" + UUID.randomUUID(), now(), body).statusCode(202).extract().path("leadId");

        await().atMost(Duration.ofSeconds(30)).until(() -> "closed".equals(status(leadId).extract().path("status")));
        status(leadId).body("outcome", equalTo("no_consent"));
        // Routing closed it in the transaction that would have assigned it: nobody was ever given it, so no alert.
        given().baseUri(Warmline.ROUTING).auth().oauth2(TOKENS.operator()).get("/leads/{id}", leadId)
                .then().statusCode(200).body("assignments.size()", equalTo(0));
        given().baseUri(Warmline.NOTIFICATION).auth().oauth2(TOKENS.rep(REP)).get("/reps/{id}/alerts", REP)
                .then().statusCode(200).body("findAll { it.leadId == '" + leadId + "' }.size()", equalTo(0));
    }

    @Test
    void aBadSignatureIsRefusedAndNothingIsStored() {
        long timestamp = now();
        String body = lead("L-badsig");
        given().baseUri(Warmline.INTAKE).contentType("application/json")
                .header("webhook-id", "msg-bad").header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new WebhookSigner(secret).sign("msg-bad", timestamp, body + " "))
                .body(body).post("/vendors/{v}/leads", VENDOR)
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:invalid-signature")).body("detail", notNullValue());
        assertEquals(0, Warmline.storedLeads(VENDOR, "L-badsig"));
    }

    @Test
    void aStaleTimestampIsRefusedAndNothingIsStored() {
        post("msg-" + UUID.randomUUID(), now() - 600, lead("L-stale"))
                .statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:stale-timestamp"));
        assertEquals(0, Warmline.storedLeads(VENDOR, "L-stale"));
    }

    @Test
    void malformedJsonIsRefusedAndNothingIsStored() {
        post("msg-" + UUID.randomUUID(), now(), "{\"vendorLeadId\":\"L-malformed\",")
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:malformed-json"));
        assertEquals(0, Warmline.storedLeads(VENDOR, "L-malformed"));
    }

    @Test
    void aLeadWithoutAPhoneOrEmailIsRefusedNamingTheFieldAndNothingIsStored() {
        String body = lead("L-nophone").replaceAll("\"phone\":\"[^\"]*\",", "")
                .replaceAll("\"email\":\"[^\"]*\",", "");
        post("msg-" + UUID.randomUUID(), now(), body)
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("phone"));
        assertEquals(0, Warmline.storedLeads(VENDOR, "L-nophone"));
    }

    private static ValidatableResponse post(String messageId, long timestamp, String body) {
        return given().baseUri(Warmline.INTAKE).contentType("application/json")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new WebhookSigner(secret).sign(messageId, timestamp, body))
                .body(body).post("/vendors/{v}/leads", VENDOR).then();
    }

    /** The vendor's signed read of the lead's status. */
    private static ValidatableResponse status(String leadId) {
        String messageId = "msg-" + UUID.randomUUID();
        long timestamp = now();
        return given().baseUri(Warmline.INTAKE)
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new WebhookSigner(secret).sign(messageId, timestamp, ""))
                .get("/vendors/{v}/leads/{id}", VENDOR, leadId).then().statusCode(200);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String lead(String vendorLeadId) {
        return lead(vendorLeadId, Contacts.ukMobile());
    }

    private static String lead(String vendorLeadId, String phone) {
        return """
                {"vendorLeadId":"%s","name":"Sam Taylor","phone":"%s","email":"%s",
                 "interest":"solar panels","notes":"South-facing roof, wants a quote","consent":{"granted":true},
                 "signal":{"type":"callback_agreed","occurredAt":"%s"}}"""
                .formatted(vendorLeadId, phone, Contacts.email(), Instant.now().minusSeconds(300));
    }
}
