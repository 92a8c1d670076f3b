package io.warmline.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What notification reads of routing's {@code RepChanged} v1 (keyed by rep id, no lead): who to reach and how. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RepChanged(String repId, String name, String email, String teamId, String teamLeadRepId,
                         String teamLeadEmail, String timeZone, Boolean active) {
    public static final String TYPE = "RepChanged";
}
