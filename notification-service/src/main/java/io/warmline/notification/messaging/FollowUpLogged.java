package io.warmline.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/** What notification reads of routing's {@code FollowUpLogged} v1: who logged it and the next step, if dated. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FollowUpLogged(String repId, Integer attempt, String outcome, String objection, NextStep nextStep,
                             Instant loggedAt) {
    public static final String TYPE = "FollowUpLogged";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NextStep(String type, Instant dueAt) {
    }

    public Instant nextStepDueAt() {
        return nextStep == null ? null : nextStep.dueAt();
    }

    public String nextStepType() {
        return nextStep == null ? null : nextStep.type();
    }
}
