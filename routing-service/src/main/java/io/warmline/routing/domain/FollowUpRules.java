package io.warmline.routing.domain;

import io.warmline.platform.domain.FieldProblem;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules for one logged call attempt. A connected call ends with a concrete next step (a date unless signed or
 * not interested); an objection needs a dated follow-up; an unanswered call gets the next try proposed at the
 * other time of day (inside the lead's call window when it has one), and after the cadence's last try a final email
 * and closure as unreachable.
 */
public final class FollowUpRules {

    private final AttemptCadence cadence;

    public FollowUpRules(AttemptCadence cadence) {
        this.cadence = cadence;
    }

    /** What the rep sent, as sent (names not yet checked). */
    public record Attempt(String outcome, String objection, String nextStep, Instant dueAt) {
    }

    /** An accepted attempt: the next step, and the closure it brings, if any. */
    public record Decision(Outcome outcome, Objection objection, NextStep nextStep, Optional<ClosureReason> closes) {
    }

    /** The decision, or the problems with each field. {@code unansweredBefore}: unanswered tries in a row so far. */
    public Result decide(Attempt attempt, int unansweredBefore, Instant now, ZoneId repZone) {
        return decide(attempt, unansweredBefore, now, repZone, Optional.empty());
    }

    /**
     * As above, for a lead with a call window: an unanswered call is tried again inside the window (its local time
     * on the next occasion) rather than at the cadence's time of day.
     */
    public Result decide(Attempt attempt, int unansweredBefore, Instant now, ZoneId repZone,
                         Optional<CallWindow> window) {
        List<FieldProblem> problems = new ArrayList<>();
        Outcome outcome = parse(Outcome.class, attempt.outcome(), "outcome", problems, true);
        Objection objection = parse(Objection.class, attempt.objection(), "objection", problems, false);
        NextStepType chosen = parse(NextStepType.class, attempt.nextStep(), "nextStep.type", problems, false);
        if (outcome == null) {
            return Result.refused(problems);
        }
        if (objection != null && outcome != Outcome.CONNECTED) {
            problems.add(new FieldProblem("objection", "only a connected call can have an objection"));
        }
        boolean stepUnreadable = attempt.nextStep() != null && chosen == null;
        if (outcome == Outcome.CONNECTED && !stepUnreadable) {
            connectedRules(chosen, objection, attempt.dueAt(), now, problems);
        }
        if (!problems.isEmpty()) {
            return Result.refused(problems);
        }
        return Result.accepted(switch (outcome) {
            case CONNECTED -> new Decision(outcome, objection, new NextStep(chosen,
                    NextStepType.DATED.contains(chosen) ? attempt.dueAt() : null), closure(chosen));
            case WRONG_NUMBER -> new Decision(outcome, null, new NextStep(NextStepType.FINAL_EMAIL, now),
                    Optional.of(ClosureReason.WRONG_NUMBER));
            case VOICEMAIL, NO_ANSWER -> cadence.exhausted(unansweredBefore + 1)
                    ? new Decision(outcome, null, new NextStep(NextStepType.FINAL_EMAIL, now),
                    Optional.of(ClosureReason.UNREACHABLE))
                    : new Decision(outcome, null, new NextStep(NextStepType.NEXT_ATTEMPT,
                    window.map(w -> w.nextAttempt(now)).orElseGet(() -> cadence.nextAttempt(now, repZone))),
                    Optional.empty());
        });
    }

    private static void connectedRules(NextStepType chosen, Objection objection, Instant dueAt, Instant now,
                                       List<FieldProblem> problems) {
        if (chosen == null || !NextStepType.AFTER_CONNECTED.contains(chosen)) {
            problems.add(new FieldProblem("nextStep.type", "a connected call must end with a next step: one of "
                    + NextStepType.AFTER_CONNECTED.stream().map(WireName::of).sorted().toList()));
            return;
        }
        if (objection != null && !NextStepType.DATED.contains(chosen)) {
            problems.add(new FieldProblem("nextStep.type", "an objection (" + WireName.of(objection)
                    + ") needs a dated follow-up: proposal, follow_up_call or site_visit"));
        }
        if (NextStepType.DATED.contains(chosen)) {
            if (dueAt == null) {
                problems.add(new FieldProblem("nextStep.dueAt", "the date of the " + WireName.of(chosen)
                        + " is required (ISO-8601 with offset)"));
            } else if (!dueAt.isAfter(now)) {
                problems.add(new FieldProblem("nextStep.dueAt", "must be in the future"));
            }
        }
    }

    private static Optional<ClosureReason> closure(NextStepType step) {
        return switch (step) {
            case SIGNED -> Optional.of(ClosureReason.SIGNED);
            case NOT_INTERESTED -> Optional.of(ClosureReason.NOT_INTERESTED);
            default -> Optional.empty();
        };
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String field, List<FieldProblem> problems,
                                               boolean required) {
        if (name == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required: one of " + WireName.choices(type)));
            }
            return null;
        }
        Optional<E> value = WireName.parse(type, name);
        if (value.isEmpty()) {
            problems.add(new FieldProblem(field, "one of " + WireName.choices(type)));
        }
        return value.orElse(null);
    }

    /** Accepted with a decision, or refused with the problems. */
    public record Result(Decision decision, List<FieldProblem> problems) {
        static Result accepted(Decision decision) {
            return new Result(decision, List.of());
        }

        static Result refused(List<FieldProblem> problems) {
            return new Result(null, List.copyOf(problems));
        }

        public boolean refused() {
            return decision == null;
        }
    }
}
