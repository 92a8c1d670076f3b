package io.warmline.routing.persistence;

import io.warmline.routing.domain.Candidate;
import io.warmline.routing.domain.Coverage;
import io.warmline.routing.domain.Presence;
import io.warmline.platform.domain.WorkingHours;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A sales rep: team, territories and products, working hours in their own time zone, how many uncalled leads they
 * can hold at once and hold now, their conversion rate, and whether they are there. Lists are stored
 * comma-separated: they are short and only ever read whole.
 */
@Entity
@Table(name = "rep")
public class Rep {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    public String email;

    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Column(nullable = false)
    public int capacity;

    @Column(nullable = false)
    public String presence;

    @Column(name = "open_leads", nullable = false)
    public int openLeads;

    @Column(nullable = false)
    public String territories;

    @Column(nullable = false)
    public String products;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "shift_start", nullable = false)
    public LocalTime shiftStart;

    @Column(name = "shift_end", nullable = false)
    public LocalTime shiftEnd;

    @Column(name = "days_off", nullable = false)
    public String daysOff;

    @Column(name = "conversion_rate", nullable = false)
    public double conversionRate;

    @Column(nullable = false)
    public int weight;

    @Column(name = "assigned_total", nullable = false)
    public long assignedTotal;

    @Column(name = "last_assigned_at")
    public Instant lastAssignedAt;

    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A new rep as the walking skeleton expects it: default team, national, every product, always on shift. */
    public static Rep newcomer(String id) {
        Rep rep = new Rep();
        rep.id = id;
        rep.teamId = Team.DEFAULT;
        rep.presence = Presence.OFFLINE.wireName();
        rep.territories = Coverage.NATIONAL;
        rep.products = "";
        rep.timeZone = "UTC";
        rep.shiftStart = LocalTime.MIDNIGHT;
        rep.shiftEnd = LocalTime.MIDNIGHT;
        rep.daysOff = "";
        rep.weight = 1;
        rep.active = true;
        return rep;
    }

    public Candidate candidate() {
        return new Candidate(id, teamId, Presence.fromWireName(presence).orElse(Presence.OFFLINE), capacity, openLeads,
                new Coverage(list(territories), list(products)), hours(), conversionRate, weight, assignedTotal,
                lastAssignedAt);
    }

    public WorkingHours hours() {
        return new WorkingHours(ZoneId.of(timeZone), shiftStart, shiftEnd,
                list(daysOff).stream().map(DayOfWeek::valueOf).collect(Collectors.toSet()));
    }

    public static Set<String> list(String joined) {
        return Arrays.stream(joined.split(",")).map(String::strip).filter(item -> !item.isEmpty())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
