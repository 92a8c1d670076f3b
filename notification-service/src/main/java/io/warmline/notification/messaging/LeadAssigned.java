package io.warmline.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.warmline.notification.domain.Alert;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.domain.OpeningLine;

import java.time.Instant;
import java.util.UUID;

/**
 * What notification reads of routing's {@code LeadAssigned} v1. Fields added later are ignored (schemas evolve
 * additively); {@code respondBy} is null for leads with no deadline. {@code lead} is the lead as intake received it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadAssigned(String repId, Instant assignedAt, Instant respondBy, String tier, Integer score,
                           String reason, Lead lead, Integer assignmentNumber, String previousRepId, String teamId,
                           String strategy) {

    public static final String TYPE = "LeadAssigned";
    /** The rep id is stored and matched as a stream key; longer ids would not fit the alert table. */
    public static final int MAX_REP_ID_LENGTH = 100;

    /**
     * The lead as intake received it. {@code personal} (LeadReceived v2): the contact's name, phone, email, postcode,
     * interest and notes sealed under the lead's data key; v1 had them in clear in {@code contact}, {@code interest}
     * and {@code notes}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Lead(String vendorId, String vendorLeadId, Instant receivedAt, Contact contact, String interest,
                       String notes, Signal signal, CallWindow preferredCallWindow, JsonNode personal) {
    }

    /** The window intake received; {@code timeZone} came later (absent in older events). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CallWindow(Instant from, Instant to, String timeZone) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String name, String phone, String email, String company, String region) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Signal(String type, Instant occurredAt) {
    }

    /** This event with the lead's personal data as opened from {@code personal} (fields it lacks stay null). */
    public LeadAssigned withPersonal(JsonNode fields) {
        Contact known = lead.contact() == null ? new Contact(null, null, null, null, null) : lead.contact();
        Contact contact = new Contact(text(fields, "name"), text(fields, "phone"), text(fields, "email"),
                known.company(), known.region());
        Lead opened = new Lead(lead.vendorId(), lead.vendorLeadId(), lead.receivedAt(), contact,
                text(fields, "interest"), text(fields, "notes"), lead.signal(), lead.preferredCallWindow(), null);
        return new LeadAssigned(repId, assignedAt, respondBy, tier, score, reason, opened, assignmentNumber,
                previousRepId, teamId, strategy);
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = fields.path(name);
        return value.isTextual() ? value.asText() : null;
    }

    /** Routing numbers a lead's assignments from 1; events from before it did are the first. */
    public int assignment() {
        return assignmentNumber == null ? 1 : assignmentNumber;
    }

    /** When the prospect's call window closes; null without one. */
    public Instant callWindowEnd() {
        return lead == null || lead.preferredCallWindow() == null ? null : lead.preferredCallWindow().to();
    }

    /** Why this event can never become an alert, or null when it can. */
    public String unusableBecause() {
        if (repId == null || repId.isBlank()) {
            return "has no repId";
        }
        if (repId.length() > MAX_REP_ID_LENGTH) {
            return "has a repId longer than " + MAX_REP_ID_LENGTH + " characters";
        }
        if (lead == null) {
            return "has no lead";
        }
        return null;
    }

    /** The alert for the assigned rep; parts the vendor did not send stay null rather than failing the alert. */
    public Alert toAlert(long alertId, UUID leadId) {
        Contact who = lead.contact() == null ? new Contact(null, null, null, null, null) : lead.contact();
        Alert.Signal trigger = lead.signal() == null ? null
                : new Alert.Signal(lead.signal().type(), lead.signal().occurredAt());
        return new Alert(alertId, leadId, repId, who.name(), who.phone(), Alert.telLink(who.phone()), who.email(),
                lead.interest(), lead.notes(), trigger, tier, score, respondBy,
                OpeningLine.forCall(who.name(), lead.interest(), trigger == null ? null : trigger.type()),
                Notice.ALERT, null, window());
    }

    private Alert.CallWindow window() {
        CallWindow window = lead.preferredCallWindow();
        if (window == null || window.from() == null || window.to() == null) {
            return null;
        }
        return Alert.CallWindow.of(window.from(), window.to(), window.timeZone());
    }
}
