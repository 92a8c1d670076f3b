package io.warmline.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.notification.messaging.LeadAssignedEvents;
import io.warmline.notification.testing.PushEndpoint;
import io.warmline.notification.testing.TestInfrastructure;
import io.warmline.notification.testing.Tokens;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Web Push end to end: the rep registers a browser, a lead is assigned, and a local push endpoint decrypts what
 * arrives with the subscription's private key. An endpoint answering 410 gets its subscription removed.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class WebPushDeliveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    Pool database;

    @Test
    void theAlertReachesTheBrowserEncryptedForItAndSignedWithVapid() throws Exception {
        String rep = "rep-" + UUID.randomUUID();
        try (PushEndpoint browser = new PushEndpoint()) {
            register(rep, browser);
            UUID leadId = UUID.randomUUID();
            assign(rep, leadId);

            await().atMost(PATIENCE).until(() -> browser.received().size() == 1);
            PushEndpoint.Push push = browser.received().get(0);
            assertEquals("aes128gcm", push.encoding());
            assertTrue(push.authorization().startsWith("vapid t="), push.authorization());
            JsonNode payload = json.readTree(push.payload());
            assertEquals("alert", payload.get("kind").asText());
            assertEquals(leadId.toString(), payload.get("leadId").asText());
            assertEquals("New lead: Sam Taylor", payload.get("title").asText());
            assertEquals("tel:+447700900123", payload.get("telLink").asText());
            await().atMost(PATIENCE).until(() -> "delivered".equals(status(leadId)));
        }
    }

    @Test
    void anExpiredSubscriptionIsRemoved() {
        String rep = "rep-" + UUID.randomUUID();
        try (PushEndpoint browser = new PushEndpoint()) {
            browser.answer(410);
            register(rep, browser);
            UUID leadId = UUID.randomUUID();
            assign(rep, leadId);

            await().atMost(PATIENCE).until(() -> subscriptions(rep) == 0);
            await().atMost(PATIENCE).until(() -> "failed".equals(status(leadId)));
        }
    }

    @Test
    void aRepRegistersOnlyTheirOwnBrowsersWithTheSubscriptionJson() {
        given().auth().oauth2(Tokens.rep("rep-a")).contentType("application/json")
                .body("{\"endpoint\":\"https://push.example/x\",\"keys\":{\"p256dh\":\"k\",\"auth\":\"a\"}}")
                .post("/reps/{rep}/push-subscriptions", "rep-b")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.rep("rep-a")).contentType("application/json")
                .body("{\"endpoint\":\"ftp://push.example/x\"}")
                .post("/reps/{rep}/push-subscriptions", "rep-a")
                .then().statusCode(422).contentType("application/problem+json");
    }

    private void register(String rep, PushEndpoint browser) {
        given().auth().oauth2(Tokens.rep(rep)).contentType("application/json")
                .body(browser.subscription(browser.endpoint()))
                .post("/reps/{rep}/push-subscriptions", rep)
                .then().statusCode(201);
    }

    private static void assign(String rep, UUID leadId) {
        ObjectNode event = LeadAssignedEvents.event(rep, leadId);
        try (KafkaCompanion kafka = new KafkaCompanion(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.produceStrings().fromRecords(new ProducerRecord<>(LeadAssignedEvents.TOPIC, leadId.toString(),
                    event.toString())).awaitCompletion(PATIENCE);
        }
    }

    private String status(UUID leadId) {
        var rows = database.preparedQuery("SELECT status FROM notification.delivery WHERE lead_id = $1 "
                + "AND channel = 'web_push'").execute(Tuple.of(leadId)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next().getString("status");
    }

    private long subscriptions(String rep) {
        return database.preparedQuery("SELECT count(*) FROM notification.push_subscription WHERE rep_id = $1")
                .execute(Tuple.of(rep)).await().indefinitely().iterator().next().getLong(0);
    }
}
