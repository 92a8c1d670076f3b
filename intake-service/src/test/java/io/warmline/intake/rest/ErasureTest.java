package io.warmline.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.warmline.intake.messaging.Broker;
import io.warmline.intake.messaging.Fixtures;
import io.warmline.intake.service.RetentionJob;
import io.warmline.platform.domain.PersonalData;
import io.warmline.platform.testing.EventSchema;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erasure in intake, against the real PostgreSQL and Kafka: an operator's request by lead id, email or phone, and
 * the retention period driven by the test clock. Each clears intake's copy, destroys the data key (the lead's
 * LeadReceived on the topic can no longer be opened), publishes LeadErased and, for a request, audits it without
 * the email or phone.
 */
@QuarkusTest
class ErasureTest extends IntakeTest {

    static final EventSchema LEAD_ERASED = EventSchema.of("intake-service", "lead-erased.v1.json");
    static KafkaCompanion kafka;
    static ConsumerTask<String, String> erased;
    final ObjectMapper json = new ObjectMapper();
    TestVendor vendor;

    @Inject
    RetentionJob retention;

    @BeforeAll
    static void watchErasures() {
        kafka = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        erased = kafka.consumeStrings().withOffsetReset("earliest").fromTopics("warmline.lead-erased");
    }

    @AfterAll
    static void stopWatching() {
        erased.stop();
        kafka.close();
    }

    @BeforeEach
    void registerVendor() {
        vendor = TestVendor.register(clock);
    }

    private String post(String vendorLeadId, String phone, String email) {
        return vendor.post(Leads.lead(vendorLeadId, phone, email, clock.instant())).statusCode(202)
                .extract().path("leadId");
    }

    private JsonNode erasedEvent(String leadId) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> erased.getRecords().stream()
                .anyMatch(event -> leadId.equals(event.key())));
        List<ConsumerRecord<String, String>> events = erased.getRecords().stream()
                .filter(event -> leadId.equals(event.key())).toList();
        assertEquals(1, events.size(), "one LeadErased per erased lead");
        LEAD_ERASED.assertValid(events.get(0).value());
        return json.readTree(events.get(0).value());
    }

    private void assertErasedInIntake(String leadId, String phone, String email) throws Exception {
        UUID id = UUID.fromString(leadId);
        assertEquals(1, records.count("SELECT count(*) FROM lead WHERE id = $1 AND erased_at IS NOT NULL AND "
                + "contact_name IS NULL AND phone_e164 IS NULL AND email IS NULL AND postcode IS NULL AND "
                + "interest IS NULL AND notes IS NULL AND vendor_lead_id IS NOT NULL AND signal_type IS NOT NULL", id));
        assertEquals(0, records.count("SELECT count(*) FROM lead WHERE phone_e164 = $1 OR email = $2",
                Leads.e164(phone), email));
        assertNull(records.dataKey(leadId), "the data key is destroyed");
        JsonNode received = json.readTree(records.awaitEvent(leadId).value()).path("data");
        assertFalse(received.toString().contains(Leads.e164(phone)));
        assertTrue(PersonalData.isSealed(received.path("personal")));
    }

    @Test
    void anOperatorErasesALeadByIdAndTheVendorStillSeesItsStatus() throws Exception {
        String phone = Leads.uniquePhone();
        String email = Leads.uniqueEmail();
        String leadId = post("L-erase-1", phone, email);
        records.awaitEvent(leadId);

        Operators.operator().contentType("application/json").body("{\"leadId\":\"" + leadId + "\"}")
                .post("/operations/erasures")
                .then().statusCode(200)
                .body("by", equalTo("lead"))
                .body("erasedLeadIds", contains(leadId))
                .body("alreadyErasedLeadIds", empty())
                .body("erasedFields", hasItem("phone"))
                .body("topic", equalTo("warmline.lead-erased"));

        assertErasedInIntake(leadId, phone, email);
        assertEquals("request", erasedEvent(leadId).path("data").path("reason").asText());
        vendor.status(leadId).statusCode(200).body("status", equalTo("received"));

        // Again: nothing left to erase, nothing published again.
        Operators.operator().contentType("application/json").body("{\"leadId\":\"" + leadId + "\"}")
                .post("/operations/erasures")
                .then().statusCode(200).body("erasedLeadIds", empty()).body("alreadyErasedLeadIds", contains(leadId));
        erasedEvent(leadId);
    }

    @Test
    void anErasureByPhoneReachesEveryLeadOfThePersonAndTheAuditHoldsNoPhone() throws Exception {
        String phone = Leads.uniquePhone();
        String first = post("L-erase-2a", phone, Leads.uniqueEmail());
        String second = post("L-erase-2b", phone, null);
        String other = post("L-erase-2c", Leads.uniquePhone(), Leads.uniqueEmail());

        String audited = "SELECT count(*) FROM audit_entry WHERE action = 'lead.erased' AND subject = 'by phone' "
                + "AND detail ->> 'leads' = '2' AND actor = 'operator-1'";
        long auditedBefore = records.count(audited);
        // National form with its region: normalised to E.164 as intake stored it.
        Operators.operator().contentType("application/json")
                .body("{\"phone\":\"" + phone + "\",\"region\":\"GB\"}")
                .post("/operations/erasures")
                .then().statusCode(200).body("by", equalTo("phone"))
                .body("erasedLeadIds", containsInAnyOrder(first, second));

        erasedEvent(first);
        erasedEvent(second);
        assertEquals(0, records.count("SELECT count(*) FROM lead WHERE phone_e164 = $1", Leads.e164(phone)));
        assertTrue(records.dataKey(other) != null, "another person's lead is untouched");
        assertEquals(auditedBefore + 1, records.count(audited), "the request is audited once");
        assertEquals(0, records.count("SELECT count(*) FROM audit_entry WHERE detail::text LIKE $1 OR subject LIKE $1",
                "%" + phone.substring(3) + "%"));
    }

    @Test
    void anEmailOfNobodyErasesNothing() {
        Operators.operator().contentType("application/json").body("{\"email\":\"NOBODY-" + UUID.randomUUID()
                        + "@Example.com\"}")
                .post("/operations/erasures")
                .then().statusCode(200).body("by", equalTo("email")).body("erasedLeadIds", empty());
    }

    @Test
    void refusalsAreProblemDetails() {
        Operators.operator().contentType("application/json").body("{\"leadId\":\"" + UUID.randomUUID() + "\"}")
                .post("/operations/erasures")
                .then().statusCode(404).contentType("application/problem+json");
        Operators.operator().contentType("application/json").body("{}")
                .post("/operations/erasures")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("leadId"));
        Operators.operator().contentType("application/json").body("{\"email\":\"a@b.co\",\"phone\":\"+447911123456\"}")
                .post("/operations/erasures")
                .then().statusCode(422).body("errors[0].field", equalTo("leadId"));
        Operators.operator().contentType("application/json").body("{\"phone\":\"07911 123456\"}")
                .post("/operations/erasures")
                .then().statusCode(422).body("errors[0].field", equalTo("phone"));
        Operators.operator().contentType("application/json").body("{\"email\":\"not-an-email\"}")
                .post("/operations/erasures")
                .then().statusCode(422).body("errors[0].field", equalTo("email"));
        Operators.operator().contentType("application/json").body("{\"leadId\":\"42\"}")
                .post("/operations/erasures")
                .then().statusCode(422).body("errors[0].field", equalTo("leadId"));
        Operators.operator().contentType("application/json").body("{\"leadId\":")
                .post("/operations/erasures")
                .then().statusCode(400).contentType("application/problem+json");
        io.restassured.RestAssured.given().auth().oauth2(Operators.token("rep")).contentType("application/json")
                .body("{\"email\":\"a@b.co\"}").post("/operations/erasures")
                .then().statusCode(403).contentType("application/problem+json");
        io.restassured.RestAssured.given().contentType("application/json")
                .body("{\"email\":\"a@b.co\"}").post("/operations/erasures")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theRetentionPeriodErasesLeadsClosedLongerAgoAndKeepsTheOthers() throws Exception {
        String phone = Leads.uniquePhone();
        String email = Leads.uniqueEmail();
        String closedFirst = post("L-keep-1", phone, email);
        String closedLater = post("L-keep-2", Leads.uniquePhone(), Leads.uniqueEmail());
        String open = post("L-keep-3", Leads.uniquePhone(), Leads.uniqueEmail());
        Broker broker = Broker.shared();
        broker.send(Broker.LEAD_CLOSED, UUID.fromString(closedFirst),
                Fixtures.leadClosed(UUID.randomUUID(), UUID.fromString(closedFirst), "signed", clock.instant()));
        broker.send(Broker.LEAD_CLOSED, UUID.fromString(closedLater), Fixtures.leadClosed(UUID.randomUUID(),
                UUID.fromString(closedLater), "signed", clock.instant().plus(Duration.ofDays(2))));
        await().atMost(Broker.PATIENCE).until(() -> records.count("SELECT count(*) FROM lead_milestone "
                        + "WHERE milestone = 'closed' AND lead_id IN ($1, $2)", UUID.fromString(closedFirst),
                UUID.fromString(closedLater)) == 2);

        retention.eraseExpired().await().indefinitely();
        assertTrue(records.dataKey(closedFirst) != null, "closed just now: kept");
        clock.advance(Duration.ofDays(90).plusHours(1));
        assertTrue(retention.eraseExpired().await().indefinitely() >= 1);

        assertErasedInIntake(closedFirst, phone, email);
        assertEquals("retention", erasedEvent(closedFirst).path("data").path("reason").asText());
        assertTrue(records.dataKey(closedLater) != null, "closed 88 days ago: kept");
        assertTrue(records.dataKey(open) != null, "never closed: kept");
    }
}
