package io.warmline.scoring.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.PoisonEvent;
import io.warmline.scoring.domain.Signal;
import io.warmline.scoring.domain.SignalTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What scoring reads of intake's {@code LeadReceived} v1 and v2 (their schemas: intake-service
 * {@code src/main/resources/schemas/lead-received.v1.json}, {@code .v2.json}). Fields added later are ignored.
 *
 * @param notes        v1 only: the qualifying notes in clear
 * @param personal     v2: the contact, interest and notes sealed under the lead's data key (platform
 *                     {@code PersonalData}); scoring opens it for the notes, which count in the score
 * @param signals      further signals, which intake may one day send besides {@code signal}
 * @param linkedLeadId the earlier lead of the same person, when intake linked this one to it: this lead's
 *                     signals then count for that lead
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadReceived(String vendorId, Instant receivedAt, String notes, Signal signal, List<Signal> signals,
                           UUID linkedLeadId, JsonNode personal) {

    public static final String TYPE = "LeadReceived";

    /** {@code signal} and {@code signals} together; an event without a complete, known signal is poison. */
    public List<Signal> allSignals(EventEnvelope event) {
        List<Signal> all = new ArrayList<>();
        if (signal != null) {
            all.add(signal);
        }
        if (signals != null) {
            signals.stream().filter(extra -> !all.contains(extra)).forEach(all::add);
        }
        if (all.isEmpty() || all.stream().anyMatch(one -> one == null || one.occurredAt() == null
                || !SignalTypes.isKnown(one.type()))) {
            throw new PoisonEvent(TYPE + " " + event.eventId() + " needs signals of known types with their times",
                    null);
        }
        return all;
    }
}
