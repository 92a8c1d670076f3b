package io.warmline.routing.domain;

import io.warmline.platform.domain.FieldProblem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The leads a speed-to-lead report covers: those received in {@code [from, to)}. Without bounds, the last
 * {@link #DEFAULT_LENGTH} up to now; at most {@link #LONGEST} long, so one request never scans years of leads.
 */
public record ReportPeriod(Instant from, Instant to) {

    public static final Duration DEFAULT_LENGTH = Duration.ofDays(7);
    public static final Duration LONGEST = Duration.ofDays(92);

    /** A period read from a request's text, or the reasons it cannot be one (each names its parameter). */
    public record Reading(ReportPeriod period, List<FieldProblem> problems) {
    }

    public static Reading read(String from, String to, Clock clock) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant end = parse("to", to, problems);
        Instant start = parse("from", from, problems);
        if (!problems.isEmpty()) {
            return new Reading(null, problems);
        }
        if (end == null) {
            end = start == null ? clock.instant() : start.plus(DEFAULT_LENGTH);
        }
        if (start == null) {
            start = end.minus(DEFAULT_LENGTH);
        }
        if (!start.isBefore(end)) {
            problems.add(new FieldProblem("from", "must be before to"));
        } else if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            problems.add(new FieldProblem("to", "the period is at most " + LONGEST.toDays() + " days long"));
        }
        return problems.isEmpty() ? new Reading(new ReportPeriod(start, end), problems) : new Reading(null, problems);
    }

    private static Instant parse(String name, String text, List<FieldProblem> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "not an instant like 2026-11-20T00:00:00Z"));
            return null;
        }
    }
}
