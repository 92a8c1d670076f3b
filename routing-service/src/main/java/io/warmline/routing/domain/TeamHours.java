package io.warmline.routing.domain;

import io.warmline.platform.domain.WorkingHours;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each team stands now, for the alerts that should page only while a team is expected at work. A team has no
 * hours of its own: it is in business hours while any of its active reps is on shift, each in the rep's own time zone
 * (a London team and a New York team page in their own days); a team with no active rep has none. Its available reps
 * are those present and on shift: the ones who could take a lead now, capacity aside.
 */
public final class TeamHours {

    /** One active rep of a team. */
    public record Member(String teamId, WorkingHours hours, Presence presence) {
    }

    public record Standing(boolean businessHours, int availableReps) {
    }

    private TeamHours() {
    }

    /** Each of {@code teams} at {@code now}, by team id. */
    public static Map<String, Standing> at(Instant now, Collection<String> teams, List<Member> members) {
        Map<String, Standing> standing = new TreeMap<>();
        teams.forEach(team -> standing.put(team, new Standing(false, 0)));
        for (Member member : members) {
            if (!member.hours().onShift(now)) {
                continue;
            }
            Standing before = standing.getOrDefault(member.teamId(), new Standing(false, 0));
            standing.put(member.teamId(), new Standing(true,
                    before.availableReps() + (member.presence() == Presence.AVAILABLE ? 1 : 0)));
        }
        return standing;
    }
}
