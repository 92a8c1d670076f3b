package io.warmline.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.warmline.platform.domain.PersonalData;
import io.warmline.platform.testing.EventSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Leads that are accepted, against the real PostgreSQL and Kafka the configuration names. */
@QuarkusTest
class LeadWebhookResourceTest extends IntakeTest {

    static final EventSchema LEAD_RECEIVED = EventSchema.of("intake-service", "lead-received.v2.json");
    final ObjectMapper json = new ObjectMapper();
    TestVendor vendor;

    @BeforeEach
    void registerVendor() {
        vendor = TestVendor.register(clock);
    }

    @Test
    void acceptsASignedLeadStoresItAndPublishesLeadReceived() throws Exception {
        String phone = Leads.uniquePhone();
        String leadId = vendor.post(Leads.lead("L-1", phone, Leads.uniqueEmail(), clock.instant()))
                .statusCode(202).body("status", equalTo("received"))
                .extract().path("leadId");

        assertEquals(1, records.count("SELECT count(*) FROM lead WHERE id = $1 AND phone_e164 = $2",
                UUID.fromString(leadId), Leads.e164(phone)));
        ConsumerRecord<String, String> event = records.awaitEvent(leadId);
        assertEquals("LeadReceived", IntakeRecords.header(event, "event-type"));
        assertEquals(leadId, IntakeRecords.header(event, "lead-id"));
        JsonNode data = json.readTree(event.value()).path("data");
        assertEquals("L-1", data.path("vendorLeadId").asText());
        assertFalse(data.has("linkedLeadId"), "a person no other vendor sent is not linked");
        LEAD_RECEIVED.assertValid(event.value());
    }

    @Test
    void carriesTheOptionalFieldsIntoTheEvent() throws Exception {
        String body = """
                {"vendorLeadId":"L-all","name":"Alex Morgan","email":"%s","company":"Morgan Builders",
                 "region":"Bristol","postcode":"bs1 4dj","interest":"a home battery","notes":"Owns the house",
                 "signal":{"type":"demo_request","occurredAt":"%s"},
                 "preferredCallWindow":{"from":"%s","to":"%s","timeZone":"Europe/London"},
                 "consent":{"granted":true,"recordedAt":"%s","method":"verbal, on the qualifying call"},
                 "favouriteColour":"ignored, as documented"}"""
                .formatted(Leads.uniqueEmail(), clock.instant().minusSeconds(300), clock.instant().plusSeconds(3600),
                        clock.instant().plusSeconds(7200), clock.instant().minusSeconds(400));
        String leadId = vendor.post(body).statusCode(202).extract().path("leadId");

        ConsumerRecord<String, String> event = records.awaitEvent(leadId);
        LEAD_RECEIVED.assertValid(event.value());
        JsonNode data = json.readTree(event.value()).path("data");
        assertEquals("Bristol", data.path("contact").path("region").asText());
        assertFalse(event.value().contains("Alex Morgan"), "personal data travels sealed");
        assertFalse(event.value().contains("home battery"), "personal data travels sealed");
        JsonNode personal = PersonalData.open(data.path("personal"), records.dataKey(leadId), UUID.fromString(leadId))
                .orElseThrow();
        assertEquals("BS1 4DJ", personal.path("postcode").asText());
        assertEquals("Alex Morgan", personal.path("name").asText());
        assertEquals("Owns the house", personal.path("notes").asText());
        assertEquals(clock.instant().plusSeconds(3600).toString(), data.path("preferredCallWindow").path("from").asText());
        assertEquals("Europe/London", data.path("preferredCallWindow").path("timeZone").asText());
        assertEquals(true, data.path("consent").path("granted").asBoolean());
        assertEquals("verbal, on the qualifying call", data.path("consent").path("method").asText());
        assertFalse(event.value().contains("favouriteColour"), "unknown fields are ignored");
    }

    @Test
    void theSameVendorLeadIdTwiceIsOneLeadAndOneEvent() {
        String body = Leads.lead("L-dup", clock.instant());
        String first = vendor.post(body).statusCode(202).extract().path("leadId");
        vendor.post(body).statusCode(200).body("leadId", equalTo(first)).body("status", equalTo("duplicate"));

        assertEquals(1, records.leads(vendor.id, "L-dup"));
        records.assertPublishedOnce(first);
    }

    @Test
    void aReplayedWebhookIdCreatesNothingAndAnswersTheOriginalLead() {
        long now = clock.epochSecond();
        String leadId = vendor.post("msg-replay", now, Leads.lead("L-r1", clock.instant()))
                .statusCode(202).extract().path("leadId");
        vendor.post("msg-replay", now, Leads.lead("L-r2", clock.instant()))
                .statusCode(200).body("leadId", equalTo(leadId)).body("status", equalTo("duplicate"));
        // Checked before the body is even read: a replay answers the same whatever it carries.
        vendor.post("msg-replay", now, "{not json").statusCode(200).body("leadId", equalTo(leadId));

        assertEquals(0, records.leads(vendor.id, "L-r2"));
        records.assertPublishedOnce(leadId);
    }

    @Test
    void theSamePersonFromAnotherVendorWithinTheWindowIsLinkedToTheFirstLead() throws Exception {
        String phone = Leads.uniquePhone();
        String first = vendor.post(Leads.lead("L-first", phone, Leads.uniqueEmail(), clock.instant()))
                .statusCode(202).extract().path("leadId");
        TestVendor other = TestVendor.register(clock);
        clock.advance(Duration.ofDays(6));
        // Same phone (written another way), another email: the same person.
        String second = other.post(Leads.lead("L-second", "+44 " + phone.substring(1), Leads.uniqueEmail(),
                clock.instant())).statusCode(202).extract().path("leadId");

        JsonNode data = json.readTree(records.awaitEvent(second).value()).path("data");
        assertEquals(first, data.path("linkedLeadId").asText());
        LEAD_RECEIVED.assertValid(records.awaitEvent(second).value());
        other.status(second).statusCode(200).body("linked", equalTo(true)).body("status", equalTo("received"));
        vendor.status(first).statusCode(200).body("linked", equalTo(false));
    }

    @Test
    void theSamePersonAfterTheWindowOrFromTheSameVendorIsNotLinked() throws Exception {
        String email = Leads.uniqueEmail();
        vendor.post(Leads.lead("L-old", null, email, clock.instant())).statusCode(202);
        String again = vendor.post(Leads.lead("L-again", null, email, clock.instant()))
                .statusCode(202).extract().path("leadId");
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        String late = TestVendor.register(clock).post(Leads.lead("L-late", null, email, clock.instant()))
                .statusCode(202).extract().path("leadId");

        assertFalse(json.readTree(records.awaitEvent(again).value()).path("data").has("linkedLeadId"));
        assertFalse(json.readTree(records.awaitEvent(late).value()).path("data").has("linkedLeadId"));
    }
}
