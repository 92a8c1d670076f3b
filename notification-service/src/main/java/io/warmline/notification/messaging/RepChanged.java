package io.warmline.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What notification reads of routing's {@code RepChanged} v1 (keyed by rep id, no lead): who to reach and how. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RepChanged(String repId, String name, String email, String teamId, String teamLeadRepId,
                         String teamLeadEmail, String timeZone, Boolean active, Hours workingHours) {
    public static final String TYPE = "RepChanged";

    /** The rep's shift in {@code timeZone} (absent from events before routing sent it: round the clock). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hours(String start, String end, java.util.List<String> daysOff) {
    }
}
