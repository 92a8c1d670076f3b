package io.warmline.notification.domain;

import io.warmline.platform.domain.FieldProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a lead of one tier (and optionally one team) is chased after it is assigned: the rep is alerted at once
 * (always, not a step), then each step reaches its target at its offset, the last step optionally repeats every
 * {@code repeatEvery}, and at {@code deadline} the lead lapses. Policies are data, versioned like the scoring model:
 * an edit is a new version, and an assignment keeps the version it started with.
 */
public record EscalationPolicy(String tier, String teamId, int version, List<EscalationStep> steps,
                               Duration repeatEvery, Duration deadline) {

    /** The team id of a tier's default policy, used for teams without a policy of their own. */
    public static final String ANY_TEAM = "*";
    public static final List<String> TIERS = List.of("hot", "warm", "cool", "cold");
    static final int MAX_STEPS = 20;
    static final int MAX_MESSAGE = 500;
    /** A repeat more often than this would page people, not remind them. */
    static final Duration MIN_REPEAT = Duration.ofSeconds(1);

    public EscalationPolicy {
        // A null step is kept (not List.copyOf, which refuses it) so that problems() names it.
        steps = steps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(steps));
    }

    /** Everything wrong with this policy, field by field; empty when it can be used. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (!TIERS.contains(tier)) {
            problems.add(new FieldProblem("tier", "must be one of " + String.join(", ", TIERS)));
        }
        if (teamId == null || teamId.isBlank() || teamId.length() > 100) {
            problems.add(new FieldProblem("teamId", "must be a team id of 1 to 100 characters, or " + ANY_TEAM));
        }
        if (!isPositive(deadline)) {
            problems.add(new FieldProblem("deadline", "must be a positive ISO-8601 duration such as PT60M"));
        }
        if (steps.size() > MAX_STEPS) {
            problems.add(new FieldProblem("steps", "at most " + MAX_STEPS + " steps"));
        }
        Duration previous = Duration.ZERO;
        for (int i = 0; i < steps.size(); i++) {
            EscalationStep step = steps.get(i);
            String field = "steps[" + i + "]";
            if (step == null) {
                problems.add(new FieldProblem(field, "must be a step"));
                continue;
            }
            if (!isPositive(step.offset())) {
                problems.add(new FieldProblem(field + ".offset",
                        "must be a positive duration after the assignment (the alert itself is sent at once)"));
            } else if (step.offset().compareTo(previous) <= 0) {
                problems.add(new FieldProblem(field + ".offset", "must be later than the step before it"));
            } else if (deadline != null && step.offset().compareTo(deadline) >= 0) {
                problems.add(new FieldProblem(field + ".offset", "must be before the deadline"));
            }
            if (isPositive(step.offset())) {
                previous = step.offset();
            }
            if (step.target() == null) {
                problems.add(new FieldProblem(field + ".target", "must be rep, team_lead, operator or channel"));
            }
            if (step.message() == null || step.message().isBlank() || step.message().length() > MAX_MESSAGE) {
                problems.add(new FieldProblem(field + ".message", "must be 1 to " + MAX_MESSAGE + " characters"));
            }
        }
        if (repeatEvery != null) {
            if (steps.isEmpty()) {
                problems.add(new FieldProblem("repeatEvery", "repeats the last step, so needs at least one step"));
            } else if (repeatEvery.compareTo(MIN_REPEAT) < 0) {
                problems.add(new FieldProblem("repeatEvery", "must be at least " + MIN_REPEAT.toSeconds() + " s"));
            }
        }
        return problems;
    }

    /**
     * The timers of one assignment, in the order they come due: each step, the repeats of the last step (while
     * before the deadline), then the deadline.
     */
    public List<EscalationTimer> timersFrom(Instant assignedAt) {
        List<EscalationTimer> timers = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            EscalationStep step = steps.get(i);
            timers.add(new EscalationTimer(TimerKind.STEP, i + 1, step.target(), step.message(),
                    assignedAt.plus(step.offset())));
        }
        if (repeatEvery != null && !steps.isEmpty()) {
            EscalationStep last = steps.get(steps.size() - 1);
            for (Duration at = last.offset().plus(repeatEvery); at.compareTo(deadline) < 0; at = at.plus(repeatEvery)) {
                timers.add(new EscalationTimer(TimerKind.STEP, steps.size(), last.target(), last.message(),
                        assignedAt.plus(at)));
            }
        }
        timers.add(new EscalationTimer(TimerKind.DEADLINE, 0, null, "deadline lapsed", assignedAt.plus(deadline)));
        return List.copyOf(timers);
    }

    /**
     * The timers of an assignment whose prospect asked to be called before {@code callWindowEnd} (null: no window):
     * reminders to the rep that would come after the window has closed are left out (they would prompt a call the
     * prospect asked not to get); the team lead's, operators' and channel's escalations and the deadline stay.
     */
    public List<EscalationTimer> timersFrom(Instant assignedAt, Instant callWindowEnd) {
        List<EscalationTimer> timers = timersFrom(assignedAt);
        if (callWindowEnd == null) {
            return timers;
        }
        return timers.stream().filter(timer -> timer.kind() != TimerKind.STEP || timer.target() != EscalationTarget.REP
                || !timer.dueAt().isAfter(callWindowEnd)).toList();
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    /** A copy as a given version (the store numbers versions). */
    public EscalationPolicy asVersion(int number) {
        return new EscalationPolicy(tier, teamId, number, steps, repeatEvery, deadline);
    }
}
