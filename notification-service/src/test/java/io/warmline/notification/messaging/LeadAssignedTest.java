package io.warmline.notification.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.warmline.notification.domain.Alert;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.testing.EventSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading routing's LeadAssigned (the sample in src/test/resources/events) and building the rep's alert from it. */
class LeadAssignedTest {

    // Strict about unknown fields here on purpose: the record's own @JsonIgnoreProperties must be what tolerates them.
    // Dates as ISO text, as the service's own mapper writes them.
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Test
    void theAlertCarriesWhatTheCallNeeds() throws IOException {
        EventEnvelope envelope = sample();
        Alert alert = read(envelope).toAlert(123, envelope.leadId());

        assertEquals(123, alert.alertId());
        assertEquals(UUID.fromString("0b9d1c3e-8a57-4e0f-b7c9-2f1f5c0d6a42"), alert.leadId());
        assertEquals("rep-alex", alert.repId());
        assertEquals("Sam Taylor", alert.name());
        assertEquals("+447700900123", alert.phone());
        assertEquals("tel:+447700900123", alert.telLink());
        assertEquals("sam@example.com", alert.email());
        assertEquals("solar panels", alert.interest());
        assertEquals("Has south-facing roof, wants quote", alert.notes());
        assertEquals(new Alert.Signal("callback_agreed", Instant.parse("2026-11-23T14:40:00Z")), alert.signal());
        assertEquals("hot", alert.tier());
        assertEquals(93, alert.score());
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), alert.respondBy());
        assertTrue(alert.openingLine().startsWith("Hi Sam, "), alert.openingLine());
        assertTrue(alert.openingLine().contains("about solar panels; I'm calling as promised"), alert.openingLine());
    }

    @Test
    void theAlertShowsTheCallWindowInTheProspectsTimeZone() throws IOException {
        EventEnvelope envelope = sample();
        ((ObjectNode) envelope.data().get("lead")).putObject("preferredCallWindow")
                .put("from", "2026-11-23T23:00:00Z").put("to", "2026-11-24T00:00:00Z").put("timeZone", "America/New_York");
        EventSchema.of("intake-service", "lead-received.v1.json").assertValid(json.writeValueAsString(
                new EventEnvelope(UUID.randomUUID(), "LeadReceived", 1, envelope.occurredAt(), envelope.leadId(),
                        envelope.data().get("lead"))));
        Alert.CallWindow window = read(envelope).toAlert(1, envelope.leadId()).callWindow();
        assertEquals(Instant.parse("2026-11-23T23:00:00Z"), window.from());
        assertEquals("18:00-19:00 America/New_York", window.hours());

        ((ObjectNode) envelope.data().get("lead").get("preferredCallWindow")).remove("timeZone");
        assertEquals("23:00-00:00 Z", read(envelope).toAlert(1, envelope.leadId()).callWindow().hours(),
                "an event from before intake sent the zone: UTC");
        assertNull(read(sample()).toAlert(1, envelope.leadId()).callWindow(), "no window asked for: none shown");
    }

    @Test
    void theSampleIsWhatRoutingPromises() throws IOException {
        EventSchema schema = EventSchema.of("routing-service", "lead-assigned.v1.json");
        schema.assertValid(json.writeValueAsString(sample()));

        EventEnvelope cold = sample();
        ((ObjectNode) cold.data()).putNull("respondBy");
        ((ObjectNode) cold.data()).put("tier", "cold");
        schema.assertValid(json.writeValueAsString(cold));
    }

    @Test
    void theLeadInsideIsWhatIntakePromises() throws IOException {
        EventEnvelope assigned = sample();
        EventEnvelope received = new EventEnvelope(UUID.randomUUID(), "LeadReceived", 1, assigned.occurredAt(),
                assigned.leadId(), assigned.data().get("lead"));
        EventSchema.of("intake-service", "lead-received.v1.json").assertValid(json.writeValueAsString(received));
    }

    @Test
    void fieldsAddedLaterAreIgnored() throws IOException {
        EventEnvelope envelope = sample();
        ObjectNode data = (ObjectNode) envelope.data();
        data.put("teamId", "team-north");
        ((ObjectNode) data.get("lead")).put("channel", "phone");
        ((ObjectNode) data.get("lead").get("contact")).put("timeZone", "Europe/London");
        ((ObjectNode) data.get("lead").get("signal")).put("agent", "vendor-agent-7");

        assertEquals("Sam Taylor", read(envelope).toAlert(1, envelope.leadId()).name());
    }

    @Test
    void aColdLeadHasNoRespondBy() throws IOException {
        EventEnvelope envelope = sample();
        ((ObjectNode) envelope.data()).putNull("respondBy");
        ((ObjectNode) envelope.data()).put("tier", "cold");

        Alert alert = read(envelope).toAlert(1, envelope.leadId());
        assertNull(alert.respondBy());
        assertEquals("cold", alert.tier());
    }

    @Test
    void missingContactDetailsLeaveGapsNotFailures() throws IOException {
        EventEnvelope envelope = sample();
        ObjectNode lead = (ObjectNode) envelope.data().get("lead");
        lead.remove("contact");
        lead.remove("signal");

        LeadAssigned assigned = read(envelope);
        assertNull(assigned.unusableBecause());
        Alert alert = assigned.toAlert(1, envelope.leadId());
        assertNull(alert.name());
        assertNull(alert.telLink());
        assertNull(alert.signal());
        assertTrue(alert.openingLine().startsWith("Hi, "), alert.openingLine());
    }

    @Test
    void withoutARepOrALeadThereIsNobodyOrNothingToAlert() throws IOException {
        EventEnvelope noRep = sample();
        ((ObjectNode) noRep.data()).remove("repId");
        assertEquals("has no repId", read(noRep).unusableBecause());

        EventEnvelope noLead = sample();
        ((ObjectNode) noLead.data()).remove("lead");
        assertEquals("has no lead", read(noLead).unusableBecause());

        EventEnvelope longRep = sample();
        ((ObjectNode) longRep.data()).put("repId", "r".repeat(LeadAssigned.MAX_REP_ID_LENGTH + 1));
        assertNotNull(read(longRep).unusableBecause());
    }

    private EventEnvelope sample() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/events/lead-assigned.json")) {
            return json.readValue(in, EventEnvelope.class);
        }
    }

    private LeadAssigned read(EventEnvelope envelope) throws IOException {
        return json.treeToValue(envelope.data(), LeadAssigned.class);
    }
}
