package io.warmline.routing.domain;

import io.warmline.platform.domain.FieldProblem;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReportPeriodTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void withoutBoundsTheLastSevenDaysUpToNow() {
        ReportPeriod.Reading reading = ReportPeriod.read(null, " ", clock);
        assertEquals(new ReportPeriod(Instant.parse("2026-11-13T12:00:00Z"), Instant.parse("2026-11-20T12:00:00Z")),
                reading.period());
    }

    @Test
    void oneBoundGivesAWeekFromOrUpToIt() {
        assertEquals(Instant.parse("2026-11-08T00:00:00Z"),
                ReportPeriod.read("2026-11-01T00:00:00Z", null, clock).period().to());
        assertEquals(Instant.parse("2026-10-25T00:00:00Z"),
                ReportPeriod.read(null, "2026-11-01T00:00:00Z", clock).period().from());
    }

    @Test
    void refusesTextThatIsNotAnInstantNamingTheParameter() {
        ReportPeriod.Reading reading = ReportPeriod.read("yesterday", "2026-11-01", clock);
        assertNull(reading.period());
        assertEquals(List.of(new FieldProblem("to", "not an instant like 2026-11-20T00:00:00Z"),
                new FieldProblem("from", "not an instant like 2026-11-20T00:00:00Z")), reading.problems());
    }

    @Test
    void refusesAnEmptyOrBackwardPeriod() {
        assertEquals(List.of(new FieldProblem("from", "must be before to")),
                ReportPeriod.read("2026-11-02T00:00:00Z", "2026-11-02T00:00:00Z", clock).problems());
        assertEquals(List.of(new FieldProblem("from", "must be before to")),
                ReportPeriod.read("2026-11-03T00:00:00Z", "2026-11-02T00:00:00Z", clock).problems());
    }

    @Test
    void refusesAPeriodLongerThanTheLongestAndAcceptsExactlyIt() {
        assertEquals(List.of(new FieldProblem("to", "the period is at most 92 days long")),
                ReportPeriod.read("2026-01-01T00:00:00Z", "2026-04-03T00:00:01Z", clock).problems());
        assertEquals(List.of(), ReportPeriod.read("2026-01-01T00:00:00Z", "2026-04-03T00:00:00Z", clock).problems());
    }
}
