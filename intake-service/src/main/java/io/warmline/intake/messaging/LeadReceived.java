package io.warmline.intake.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warmline.intake.persistence.Lead;
import io.warmline.platform.domain.PersonalData;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of the {@code LeadReceived} event, version 2. Its written schema is
 * {@code src/main/resources/schemas/lead-received.v2.json}; consumers test against that file. Version 2 carries the
 * contact's name, phone, email, postcode, interest and notes only sealed under the lead's data key
 * ({@code personal}, platform {@link PersonalData}), so erasing the lead (destroying the key) makes every copy on the
 * topic and its dead letters unreadable; version 1 carried them in clear. Optional fields are left out when they
 * have no value.
 */
public record LeadReceived(String vendorId, String vendorLeadId, Instant receivedAt, Contact contact,
                           ObjectNode personal, Signal signal,
                           @JsonInclude(JsonInclude.Include.NON_NULL) CallWindow preferredCallWindow,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Consent consent,
                           @JsonInclude(JsonInclude.Include.NON_NULL) UUID linkedLeadId) {

    public static final String TYPE = "LeadReceived";
    public static final int VERSION = 2;
    public static final String TOPIC = "warmline.lead-received";

    /** What routing needs of the contact (the territory) and keeps after erasure: nothing personal. */
    public record Contact(String company, String region) {
    }

    public record Signal(String type, Instant occurredAt) {
    }

    /** {@code timeZone} (added later): the prospect's, an IANA name or an offset such as {@code +01:00}. */
    public record CallWindow(Instant from, Instant to, @JsonInclude(JsonInclude.Include.NON_NULL) String timeZone) {
    }

    public record Consent(boolean granted, @JsonInclude(JsonInclude.Include.NON_NULL) Instant recordedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String method) {
    }

    /** The event of a new lead, its personal data sealed under {@code dataKey}. */
    public static LeadReceived of(Lead lead, byte[] dataKey) {
        return new LeadReceived(lead.vendorId, lead.vendorLeadId, lead.receivedAt,
                new Contact(lead.company, lead.region), PersonalData.seal(personal(lead), dataKey, lead.id),
                new Signal(lead.signalType, lead.signalAt),
                lead.preferredCallFrom == null ? null : new CallWindow(lead.preferredCallFrom, lead.preferredCallTo,
                        lead.preferredCallTimeZone),
                lead.consentGranted == null ? null
                        : new Consent(lead.consentGranted, lead.consentRecordedAt, lead.consentMethod),
                lead.linkedLeadId);
    }

    /** The sealed fields: those the vendor sent. */
    static ObjectNode personal(Lead lead) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        putIfSent(fields, "name", lead.contactName);
        putIfSent(fields, "phone", lead.phone);
        putIfSent(fields, "email", lead.email);
        putIfSent(fields, "postcode", lead.postcode);
        putIfSent(fields, "interest", lead.interest);
        putIfSent(fields, "notes", lead.notes);
        return fields;
    }

    private static void putIfSent(ObjectNode fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
