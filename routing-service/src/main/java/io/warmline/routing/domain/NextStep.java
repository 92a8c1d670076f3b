package io.warmline.routing.domain;

import java.time.Instant;

/** What happens next on a lead and when ({@code dueAt} is null for a step that needs no date: signed). */
public record NextStep(NextStepType type, Instant dueAt) {
}
