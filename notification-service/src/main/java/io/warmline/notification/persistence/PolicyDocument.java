package io.warmline.notification.persistence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.warmline.notification.domain.EscalationPolicy;
import io.warmline.notification.domain.EscalationStep;
import io.warmline.notification.domain.EscalationTarget;

import java.time.Duration;
import java.util.List;

/**
 * A policy as written: stored in {@code escalation_policy.definition} and sent to and from the policy API.
 * Durations are ISO-8601 ({@code PT10M}; {@code PT10S} for a policy in accelerated time), targets wire names.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyDocument(List<Step> steps, Duration repeatEvery, Duration deadline) {

    public record Step(Duration offset, String target, String message) {
    }

    public EscalationPolicy toPolicy(String tier, String teamId, int version) {
        List<EscalationStep> domainSteps = steps == null ? List.of() : steps.stream()
                .map(step -> step == null ? null : new EscalationStep(step.offset(),
                        EscalationTarget.fromWire(step.target()), step.message()))
                .toList();
        return new EscalationPolicy(tier, teamId, version, domainSteps, repeatEvery, deadline);
    }

    public static PolicyDocument of(EscalationPolicy policy) {
        return new PolicyDocument(policy.steps().stream()
                .map(step -> new Step(step.offset(), step.target().wireName(), step.message())).toList(),
                policy.repeatEvery(), policy.deadline());
    }
}
