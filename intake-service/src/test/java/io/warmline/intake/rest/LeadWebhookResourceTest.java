package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The vendor webhook against the real PostgreSQL and Kafka the test command starts. */
@QuarkusTest
class LeadWebhookResourceTest {

    static KafkaCompanion kafka;
    static ConsumerTask<String, String> received;

    @Inject
    Pool database;

    String vendorId;
    String secret;

    @BeforeAll
    static void watchTopic() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        received = kafka.consumeStrings().fromTopics("warmline.lead-received");
    }

    @AfterAll
    static void stopWatching() {
        received.stop();
        kafka.close();
    }

    @BeforeEach
    void registerVendor() {
        vendorId = "vendor-" + UUID.randomUUID().toString().substring(0, 8);
        secret = given().contentType("application/json")
                .body("{\"id\":\"" + vendorId + "\",\"name\":\"Acme Leads\",\"defaultRegion\":\"GB\"}")
                .post("/vendors")
                .then().statusCode(201).body("secret", notNullValue())
                .extract().path("secret");
    }

    @Test
    void acceptsASignedLeadStoresItAndPublishesLeadReceived() {
        String leadId = SignedLead.post(vendorId, secret, SignedLead.lead("L-1"))
                .statusCode(202).body("status", equalTo("received"))
                .extract().path("leadId");

        assertEquals(1, count("SELECT count(*) FROM lead WHERE id = $1 AND phone_e164 = '+447911123456'",
                UUID.fromString(leadId)));
        ConsumerRecord<String, String> event = awaitEvent(leadId);
        assertEquals("LeadReceived", header(event, "event-type"));
        assertEquals(leadId, header(event, "lead-id"));
        org.hamcrest.MatcherAssert.assertThat(event.value(), containsString("\"vendorLeadId\":\"L-1\""));
        io.warmline.intake.messaging.EventSchema.of("intake-service", "lead-received.v1.json").assertValid(event.value());
    }

    @Test
    void theSameVendorLeadIdTwiceIsOneLeadAndOneEvent() {
        String first = SignedLead.post(vendorId, secret, SignedLead.lead("L-dup")).statusCode(202)
                .extract().path("leadId");
        SignedLead.post(vendorId, secret, SignedLead.lead("L-dup"))
                .statusCode(200).body("leadId", equalTo(first)).body("status", equalTo("duplicate"));

        awaitEvent(first);
        assertEquals(1, count("SELECT count(*) FROM lead WHERE vendor_id = $1", vendorId));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> eventsFor(first).size() == 1);
    }

    @Test
    void aReplayedWebhookIdCreatesNothingAndAnswersTheOriginalLead() {
        long now = System.currentTimeMillis() / 1000;
        String leadId = SignedLead.post(vendorId, secret, "msg-replay", now, SignedLead.lead("L-r1"))
                .statusCode(202).extract().path("leadId");
        SignedLead.post(vendorId, secret, "msg-replay", now, SignedLead.lead("L-r2"))
                .statusCode(200).body("leadId", equalTo(leadId));
        assertEquals(0, count("SELECT count(*) FROM lead WHERE vendor_lead_id = 'L-r2' AND vendor_id = $1", vendorId));
    }

    @Test
    void refusesABadSignature() {
        long now = System.currentTimeMillis() / 1000;
        given().contentType("application/json")
                .header("webhook-id", "msg-1").header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", SignedLead.sign("whsec_" + "A".repeat(44), "msg-1", now, "{}"))
                .body(SignedLead.lead("L-bad")).post("/vendors/{v}/leads", vendorId)
                .then().statusCode(401).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:invalid-signature"))
                .body("status", equalTo(401)).body("detail", notNullValue());
        assertNothingStored("L-bad");
    }

    @Test
    void refusesMissingSignatureHeaders() {
        given().contentType("application/json").body(SignedLead.lead("L-unsigned"))
                .post("/vendors/{v}/leads", vendorId)
                .then().statusCode(401).body("type", equalTo("urn:warmline:problem:missing-signature"));
        assertNothingStored("L-unsigned");
    }

    @Test
    void refusesStaleAndFutureTimestamps() {
        long now = System.currentTimeMillis() / 1000;
        SignedLead.post(vendorId, secret, "msg-old", now - 301, SignedLead.lead("L-stale"))
                .statusCode(401).body("type", equalTo("urn:warmline:problem:stale-timestamp"));
        SignedLead.post(vendorId, secret, "msg-new", now + 301, SignedLead.lead("L-stale"))
                .statusCode(401).body("type", equalTo("urn:warmline:problem:future-timestamp"));
        assertNothingStored("L-stale");
    }

    @Test
    void refusesMalformedJson() {
        SignedLead.post(vendorId, secret, "{\"vendorLeadId\":\"L-json\", ")
                .statusCode(400).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:malformed-json"));
        assertNothingStored("L-json");
    }

    @Test
    void refusesALeadWithoutPhoneOrEmailNamingTheField() {
        String body = """
                {"vendorLeadId":"L-nophone","name":"Sam","signal":{"type":"demo_request","occurredAt":"%s"}}"""
                .formatted(java.time.Instant.now().minusSeconds(60));
        SignedLead.post(vendorId, secret, body)
                .statusCode(422).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:invalid-lead"))
                .body("errors.field", hasItem("phone"));
        assertNothingStored("L-nophone");
    }

    @Test
    void refusesAnUnknownVendor() {
        SignedLead.post("no-such-vendor", secret, SignedLead.lead("L-unknown"))
                .statusCode(401).body("type", equalTo("urn:warmline:problem:unknown-vendor"));
    }

    @Test
    void refusesTheWrongContentType() {
        given().contentType("text/plain").body("hello").post("/vendors/{v}/leads", vendorId)
                .then().statusCode(415).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:unsupported-media-type"));
    }

    @Test
    void refusesAnOversizedBody() {
        String body = SignedLead.lead("L-big").replace("South-facing", "x".repeat(70_000));
        SignedLead.post(vendorId, secret, body)
                .statusCode(413).contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:body-too-large"));
        assertNothingStored("L-big");
    }

    @Test
    void refusesADuplicateVendorRegistrationAndInvalidFields() {
        given().contentType("application/json")
                .body("{\"id\":\"" + vendorId + "\",\"name\":\"Again\"}").post("/vendors")
                .then().statusCode(409).body("type", equalTo("urn:warmline:problem:vendor-exists"));
        given().contentType("application/json").body("{\"id\":\"Bad Id\",\"defaultRegion\":\"Britain\"}")
                .post("/vendors")
                .then().statusCode(422).body("errors.field", org.hamcrest.Matchers.contains("id", "name",
                        "defaultRegion"));
    }

    @Test
    void listsVendorsWithoutTheirSecrets() {
        given().get("/vendors").then().statusCode(200)
                .body("id", hasItem(vendorId))
                .body("secret", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }

    private void assertNothingStored(String vendorLeadId) {
        assertEquals(0, count("SELECT count(*) FROM lead WHERE vendor_id = $1 AND vendor_lead_id = '"
                + vendorLeadId + "'", vendorId));
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE payload LIKE '%' || $1 || '%'", vendorId));
        assertEquals(List.of(), received.getRecords().stream()
                .filter(event -> event.value().contains("\"" + vendorLeadId + "\""))
                .filter(event -> event.value().contains("\"" + vendorId + "\"")).toList());
    }

    private long count(String sql, Object parameter) {
        return database.preparedQuery(sql).execute(Tuple.of(parameter)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    private ConsumerRecord<String, String> awaitEvent(String leadId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !eventsFor(leadId).isEmpty());
        return eventsFor(leadId).get(0);
    }

    private static List<ConsumerRecord<String, String>> eventsFor(String leadId) {
        return received.getRecords().stream().filter(event -> leadId.equals(event.key())).toList();
    }

    private static String header(ConsumerRecord<String, String> event, String name) {
        return new String(event.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
