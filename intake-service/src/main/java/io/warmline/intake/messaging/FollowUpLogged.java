package io.warmline.intake.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * What intake reads of routing's {@code FollowUpLogged} v1 (its schema: routing-service
 * {@code src/main/resources/schemas/follow-up-logged.v1.json}): when a call was logged and its outcome. The rep,
 * the objection and the next step are left unread: a vendor is never shown them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FollowUpLogged(String outcome, Instant loggedAt) {

    public static final String TYPE = "FollowUpLogged";
}
