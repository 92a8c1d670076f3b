package io.warmline.routing.domain;

import io.warmline.platform.domain.WorkingHours;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TeamHoursTest {

    private static final WorkingHours LONDON = new WorkingHours(ZoneId.of("Europe/London"), LocalTime.of(9, 0),
            LocalTime.of(17, 30), Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    private static final WorkingHours NEW_YORK = new WorkingHours(ZoneId.of("America/New_York"), LocalTime.of(9, 0),
            LocalTime.of(17, 0), Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    private static final List<TeamHours.Member> MEMBERS = List.of(
            new TeamHours.Member("london", LONDON, Presence.AVAILABLE),
            new TeamHours.Member("london", LONDON, Presence.OFFLINE),
            new TeamHours.Member("new-york", NEW_YORK, Presence.OFFLINE));

    private static Map<String, TeamHours.Standing> at(String instant) {
        return TeamHours.at(Instant.parse(instant), List.of("london", "new-york", "empty"), MEMBERS);
    }

    @Test
    void eachTeamInItsRepsOwnHours() {
        // Tuesday 10:00 in London is 05:00 in New York (winter: UTC+0 and UTC-5).
        var morning = at("2026-12-01T10:00:00Z");
        assertEquals(new TeamHours.Standing(true, 1), morning.get("london"));
        assertEquals(new TeamHours.Standing(false, 0), morning.get("new-york"));
        // 18:00 UTC: London has gone home, New York (13:00) is at work with no one available.
        var evening = at("2026-12-01T18:00:00Z");
        assertEquals(new TeamHours.Standing(false, 0), evening.get("london"));
        assertEquals(new TeamHours.Standing(true, 0), evening.get("new-york"));
    }

    @Test
    void weekendsAndTeamsWithoutRepsAreOutOfHours() {
        var saturday = at("2026-12-05T12:00:00Z");
        assertEquals(new TeamHours.Standing(false, 0), saturday.get("london"));
        assertEquals(new TeamHours.Standing(false, 0), saturday.get("new-york"));
        assertEquals(new TeamHours.Standing(false, 0), saturday.get("empty"));
    }

    @Test
    void aRepWithoutHoursKeepsTheTeamInHoursRoundTheClock() {
        var always = TeamHours.at(Instant.parse("2026-12-06T03:00:00Z"), List.of("default"),
                List.of(new TeamHours.Member("default", WorkingHours.ALWAYS, Presence.AVAILABLE)));
        assertEquals(new TeamHours.Standing(true, 1), always.get("default"));
    }
}
