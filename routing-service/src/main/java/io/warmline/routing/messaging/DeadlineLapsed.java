package io.warmline.routing.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** What routing reads of notification-service's {@code DeadlineLapsed}: a rep let a lead's deadline pass. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeadlineLapsed(String repId, int assignmentNumber, Instant assignedAt, Instant respondBy,
                             Instant lapsedAt) {

    public static final String TYPE = "DeadlineLapsed";
}
