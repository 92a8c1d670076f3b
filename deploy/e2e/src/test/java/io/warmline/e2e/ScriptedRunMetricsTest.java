package io.warmline.e2e;

import io.warmline.driver.AlertStream;
import io.warmline.driver.Contacts;
import io.warmline.driver.Tokens;
import io.warmline.driver.WebhookSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted run of a few hundred leads through the running system (hot, warm and cold, some refused, some
 * posted twice; reps follow some of them up), then every metric operators rely on is read from /q/metrics and
 * must be there with a plausible value, and without personal data.
 */
class ScriptedRunMetricsTest {

    static final String VENDOR = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    static final Tokens TOKENS = Warmline.STACK.tokens();
    static final List<String> REPS = List.of("m-" + UUID.randomUUID().toString().substring(0, 6) + "-a",
            "m-" + UUID.randomUUID().toString().substring(0, 6) + "-b", "m-" + UUID.randomUUID().toString().substring(0, 6) + "-c");
    static final int LEADS = 240;
    static final List<AlertStream> STREAMS = new ArrayList<>();
    static String secret;

    @BeforeAll
    static void runLeadsThroughTheSystem() {
        secret = given().baseUri(Warmline.INTAKE).auth().oauth2(TOKENS.operator()).contentType("application/json")
                .body("{\"id\":\"" + VENDOR + "\",\"name\":\"Metrics Leads\",\"defaultRegion\":\"GB\"}")
                .post("/vendors").then().statusCode(201).extract().path("secret");
        for (String rep : REPS) {
            given().baseUri(Warmline.ROUTING).auth().oauth2(TOKENS.operator()).contentType("application/json")
                    .body("{\"name\":\"Rep " + rep + "\",\"capacity\":100}").put("/reps/{id}", rep).then().statusCode(201);
            STREAMS.add(new AlertStream(Warmline.STACK, rep));
            given().baseUri(Warmline.ROUTING).auth().oauth2(TOKENS.rep(rep)).contentType("application/json")
                    .body("{\"status\":\"available\"}").put("/reps/{id}/presence", rep).then().statusCode(200);
        }
        String[] signals = {"callback_agreed", "demo_request", "referral", "email_open"};
        List<String> routable = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            String signal = signals[i % signals.length];
            String leadId = post("msg-" + UUID.randomUUID(), lead("M-" + i, signal)).statusCode(202)
                    .extract().path("leadId");
            if (!signal.equals("email_open")) {
                routable.add(leadId);
            }
        }
        for (int i = 0; i < 5; i++) {
            post("msg-" + UUID.randomUUID(), lead("M-" + i, "callback_agreed")).statusCode(200); // duplicates
            given().baseUri(Warmline.INTAKE).contentType("application/json").header("webhook-id", "msg-x" + i)
                    .header("webhook-timestamp", Long.toString(Instant.now().getEpochSecond()))
                    .header("webhook-signature", "v1,AAAA").body(lead("M-bad-" + i, "referral"))
                    .post("/vendors/{v}/leads", VENDOR).then().statusCode(401);
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> routable.stream().allMatch(lead ->
                STREAMS.stream().anyMatch(stream -> !stream.alertsFor(lead).isEmpty())));
        for (String leadId : routable.subList(0, 30)) {
            String rep = STREAMS.stream().filter(stream -> !stream.alertsFor(leadId).isEmpty()).findFirst()
                    .map(stream -> stream.alertsFor(leadId).get(0).path("repId").asText()).orElseThrow();
            given().baseUri(Warmline.ROUTING).auth().oauth2(TOKENS.rep(rep)).contentType("application/json")
                    .body("{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"proposal\",\"dueAt\":\""
                            + Instant.now().plus(Duration.ofDays(2)) + "\"}}")
                    .post("/leads/{id}/follow-ups", leadId).then().statusCode(201);
        }
    }

    @AfterAll
    static void closeStreamsAndGoOffline() {
        STREAMS.forEach(AlertStream::close);
        // Reps share the running system with the other test classes: available reps left behind would take
        // their leads.
        for (String rep : REPS) {
            given().baseUri(Warmline.ROUTING).auth().oauth2(TOKENS.rep(rep)).contentType("application/json")
                    .body("{\"status\":\"offline\"}").put("/reps/{id}/presence", rep);
        }
    }

    @Test
    void intakeCountsLeadsByVendorAndRefusalsByReason() {
        Metrics intake = Metrics.scrape(Warmline.INTAKE);
        assertTrue(intake.sum("warmline_leads_received_total", labels -> labels.contains(VENDOR)) >= LEADS);
        assertTrue(intake.sum("warmline_leads_refused_total", labels -> labels.contains(VENDOR)) >= 5);
        assertTrue(intake.sum("warmline_leads_duplicates_total", labels -> labels.contains(VENDOR)) >= 5);
        assertTrue(intake.has("warmline_outbox_backlog"));
    }

    @Test
    void scoringCountsLeadsByTier() {
        Metrics scoring = Metrics.scrape(Warmline.STACK.scoring());
        assertTrue(scoring.sum("warmline_leads_scored_total", labels -> labels.contains("tier=\"hot\"")) >= LEADS / 2);
        assertTrue(scoring.sum("warmline_leads_scored_total", labels -> labels.contains("tier=\"cold\"")) >= LEADS / 4);
        assertTrue(scoring.has("kafka_consumer_fetch_manager_records_lag_max"), "consumer lag is exported");
    }

    @Test
    void routingShowsAssignmentsQueueRepsFollowUpsAndSpeedToLead() {
        Metrics routing = Metrics.scrape(Warmline.ROUTING);
        assertTrue(routing.sum("warmline_assignments_total") >= LEADS * 3 / 4);
        assertTrue(routing.has("warmline_queue_depth"));
        assertTrue(routing.has("warmline_queue_oldest_wait_seconds"));
        assertTrue(routing.sum("warmline_reps", labels -> labels.contains("presence=\"available\"")) >= REPS.size());
        assertTrue(routing.sum("warmline_followups_total", labels -> labels.contains("outcome=\"connected\"")) >= 30);
        assertTrue(routing.sum("warmline_speed_to_lead_seconds_count") >= 30);
        assertTrue(routing.sum("warmline_deadline_total", labels -> labels.contains("result=\"met\"")) >= 30);
        assertTrue(routing.has("warmline_outbox_backlog"));
    }

    @Test
    void notificationShowsSpeedToAlertAndDeliveries() {
        Metrics notification = Metrics.scrape(Warmline.NOTIFICATION);
        assertTrue(notification.sum("warmline_speed_to_alert_seconds_count") >= LEADS * 3 / 4);
        assertTrue(notification.sum("warmline_speed_to_alert_seconds_bucket") > 0, "a histogram, for percentiles");
        assertTrue(notification.sum("warmline_deliveries_total", labels -> labels.contains("result=\"delivered\"")) > 0);
    }

    @Test
    void noMetricCarriesPersonalData() {
        Stream.of(Warmline.INTAKE, Warmline.STACK.scoring(), Warmline.ROUTING, Warmline.NOTIFICATION)
                .map(Metrics::scrape)
                .forEach(metrics -> {
                    assertFalse(metrics.text.matches("(?s).*\\+?447400\\d{6}.*"), "no phone numbers");
                    assertFalse(metrics.text.contains("@example.com"), "no email addresses");
                    assertFalse(metrics.text.contains("Sam Taylor"), "no names");
                });
    }

    private static io.restassured.response.ValidatableResponse post(String messageId, String body) {
        long timestamp = Instant.now().getEpochSecond();
        return given().baseUri(Warmline.INTAKE).contentType("application/json")
                .header("webhook-id", messageId).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", new WebhookSigner(secret).sign(messageId, timestamp, body))
                .body(body).post("/vendors/{v}/leads", VENDOR).then();
    }

    private static String lead(String vendorLeadId, String signal) {
        return """
                {"vendorLeadId":"%s","name":"Sam Taylor","phone":"%s","email":"%s",
                 "interest":"solar panels","notes":"metrics run","consent":{"granted":true},
                 "signal":{"type":"%s","occurredAt":"%s"}}"""
                .formatted(vendorLeadId, Contacts.ukMobile(), Contacts.email(), signal, Instant.now().minusSeconds(120));
    }
}
