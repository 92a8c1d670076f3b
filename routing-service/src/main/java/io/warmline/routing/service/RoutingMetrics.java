package io.warmline.routing.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.platform.domain.WorkingHours;
import io.warmline.routing.domain.ClosureReason;
import io.warmline.routing.domain.Presence;
import io.warmline.routing.domain.TeamHours;
import io.warmline.routing.domain.WireName;
import io.warmline.routing.persistence.Rep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Routing's meters, named alike across services, tagged only with low-cardinality values (never a rep or a lead).
 * Gauges that need the database are refreshed every few seconds, so a scrape never costs a query.
 */
@ApplicationScoped
public class RoutingMetrics {

    /** The tiers that are routed, so can lapse (cold leads are not routed). */
    private static final String[] LAPSING_TIERS = {"hot", "warm", "cool"};
    private static final String SNAPSHOT = """
            SELECT (SELECT count(*) FROM waiting_lead WHERE not_before IS NULL OR not_before <= now()),
                   (SELECT min(coalesce(not_before, queued_at)) FROM waiting_lead
                     WHERE not_before IS NULL OR not_before <= now()),
                   (SELECT count(*) FILTER (WHERE presence = 'available') FROM rep WHERE active),
                   (SELECT count(*) FILTER (WHERE presence = 'busy') FROM rep WHERE active),
                   (SELECT count(*) FILTER (WHERE presence = 'away') FROM rep WHERE active),
                   (SELECT count(*) FILTER (WHERE presence = 'offline') FROM rep WHERE active),
                   now()""";
    /** Every team with its active reps' hours and presence (a team without one: a row of nulls). */
    private static final String TEAMS = """
            SELECT t.id, r.time_zone, r.shift_start, r.shift_end, r.days_off, r.presence
              FROM team t LEFT JOIN rep r ON r.team_id = t.id AND r.active""";
    /** The team every stack has from its first migration: its series exist before the first refresh. */
    private static final String DEFAULT_TEAM = "default";

    private final MeterRegistry registry;
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong oldestWaitSeconds = new AtomicLong();
    private final Map<Presence, AtomicLong> reps = new EnumMap<>(Presence.class);
    private final Timer speedToLead;
    private final Clock clock;
    private final Map<String, AtomicLong> teamBusinessHours = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> teamRepsAvailable = new ConcurrentHashMap<>();

    RoutingMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        team(DEFAULT_TEAM);
        Gauge.builder("warmline.queue.depth", queueDepth, AtomicLong::get).register(registry);
        Gauge.builder("warmline.queue.oldest.wait", oldestWaitSeconds, AtomicLong::get).baseUnit("seconds")
                .register(registry);
        for (Presence presence : Presence.values()) {
            AtomicLong count = new AtomicLong();
            reps.put(presence, count);
            Gauge.builder("warmline.reps", count, AtomicLong::get).tag("presence", presence.wireName())
                    .register(registry);
        }
        speedToLead = Timer.builder("warmline.speed.to.lead")
                .description("lead received to its first follow-up logged")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(30)).maximumExpectedValue(Duration.ofDays(2))
                .register(registry);
        // The series alerts and dashboards read exist from the start, at zero: increase() then sees the first
        // lapse, and a quiet day shows 0 rather than no data.
        registry.counter("warmline.deadline", "result", "met");
        registry.counter("warmline.deadline", "result", "missed");
        for (String tier : LAPSING_TIERS) {
            registry.counter("warmline.lapses", "tier", tier);
        }
        for (ClosureReason reason : ClosureReason.values()) {
            registry.counter("warmline.leads.closed", "reason", WireName.of(reason));
        }
    }

    void refreshEvery(@Observes StartupEvent started, Vertx vertx, Pool pool) {
        vertx.setPeriodic(5_000, timer -> pool.query(SNAPSHOT).execute().subscribe().with(rows -> {
            var row = rows.iterator().next();
            queueDepth.set(row.getLong(0));
            var oldest = row.getOffsetDateTime(1);
            var now = row.getOffsetDateTime(6);
            oldestWaitSeconds.set(oldest == null ? 0 : Duration.between(oldest, now).toSeconds());
            Presence[] order = {Presence.AVAILABLE, Presence.BUSY, Presence.AWAY, Presence.OFFLINE};
            for (int i = 0; i < order.length; i++) {
                reps.get(order[i]).set(row.getLong(2 + i));
            }
        }, failure -> { }));
        vertx.setPeriodic(5_000, timer -> pool.query(TEAMS).execute().subscribe().with(rows -> {
            Set<String> teams = new HashSet<>();
            List<TeamHours.Member> members = new ArrayList<>();
            rows.forEach(row -> {
                teams.add(row.getString(0));
                if (row.getString(1) != null) {
                    members.add(new TeamHours.Member(row.getString(0), new WorkingHours(ZoneId.of(row.getString(1)),
                            row.getLocalTime(2), row.getLocalTime(3), Rep.list(row.getString(4)).stream()
                            .map(DayOfWeek::valueOf).collect(Collectors.toSet())),
                            Presence.fromWireName(row.getString(5)).orElse(Presence.OFFLINE)));
                }
            });
            TeamHours.at(clock.instant(), teams, members).forEach((team, standing) -> {
                team(team);
                teamBusinessHours.get(team).set(standing.businessHours() ? 1 : 0);
                teamRepsAvailable.get(team).set(standing.availableReps());
            });
        }, failure -> { }));
    }

    /**
     * A team's gauges, registered the first time the team is seen (teams are never deleted): whether it is in business
     * hours now (1/0, {@link TeamHours}) and how many of its reps are available on shift. The alerts that page only in
     * a team's hours read them.
     */
    private void team(String team) {
        teamBusinessHours.computeIfAbsent(team, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("warmline.team.business.hours", value, AtomicLong::get).tag("team", id).register(registry);
            return value;
        });
        teamRepsAvailable.computeIfAbsent(team, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("warmline.team.reps.available", value, AtomicLong::get).tag("team", id).register(registry);
            return value;
        });
    }

    public void assigned(String strategy, boolean reassigned) {
        registry.counter("warmline.assignments", "strategy", strategy, "kind", reassigned ? "reassigned" : "first")
                .increment();
    }

    public void followUp(String outcome) {
        registry.counter("warmline.followups", "outcome", outcome).increment();
    }

    /** The first follow-up on a lead: speed to lead, and whether it beat the respond-by. */
    public void firstFollowUp(Instant receivedAt, Instant respondBy, Instant loggedAt) {
        if (receivedAt != null && !loggedAt.isBefore(receivedAt)) {
            speedToLead.record(Duration.between(receivedAt, loggedAt));
        }
        if (respondBy != null && !loggedAt.isAfter(respondBy)) {
            registry.counter("warmline.deadline", "result", "met").increment();
        }
    }

    public void lapsed(String tier) {
        registry.counter("warmline.deadline", "result", "missed").increment();
        registry.counter("warmline.lapses", "tier", tier).increment();
    }

    public void closed(String reason) {
        registry.counter("warmline.leads.closed", "reason", reason).increment();
    }
}
