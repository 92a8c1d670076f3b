package io.warmline.intake.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.warmline.intake.persistence.Lead;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of the {@code LeadReceived} event, version 1. Its written schema is
 * {@code src/main/resources/schemas/lead-received.v1.json}; consumers test against that file. Fields added after
 * the first release are left out when they have no value, so version 1 consumers see exactly what they knew.
 */
public record LeadReceived(String vendorId, String vendorLeadId, Instant receivedAt, Contact contact,
                           String interest, String notes, Signal signal,
                           @JsonInclude(JsonInclude.Include.NON_NULL) CallWindow preferredCallWindow,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Consent consent,
                           @JsonInclude(JsonInclude.Include.NON_NULL) UUID linkedLeadId) {

    public static final String TYPE = "LeadReceived";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.lead-received";

    public record Contact(String name, String phone, String email, String company, String region,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String postcode) {
    }

    public record Signal(String type, Instant occurredAt) {
    }

    /** {@code timeZone} (added later): the prospect's, an IANA name or an offset such as {@code +01:00}. */
    public record CallWindow(Instant from, Instant to, @JsonInclude(JsonInclude.Include.NON_NULL) String timeZone) {
    }

    public record Consent(boolean granted, @JsonInclude(JsonInclude.Include.NON_NULL) Instant recordedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String method) {
    }

    public static LeadReceived of(Lead lead) {
        return new LeadReceived(lead.vendorId, lead.vendorLeadId, lead.receivedAt,
                new Contact(lead.contactName, lead.phone, lead.email, lead.company, lead.region, lead.postcode),
                lead.interest, lead.notes, new Signal(lead.signalType, lead.signalAt),
                lead.preferredCallFrom == null ? null : new CallWindow(lead.preferredCallFrom, lead.preferredCallTo,
                        lead.preferredCallTimeZone),
                lead.consentGranted == null ? null
                        : new Consent(lead.consentGranted, lead.consentRecordedAt, lead.consentMethod),
                lead.linkedLeadId);
    }
}
