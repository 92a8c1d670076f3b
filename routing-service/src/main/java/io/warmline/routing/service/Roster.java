package io.warmline.routing.service;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.rest.AuditLog;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.messaging.Outbox;
import io.warmline.platform.messaging.OutgoingEvent;
import io.warmline.platform.rest.PageRequest;
import io.warmline.platform.rest.Problem;
import io.warmline.routing.config.RoutingConfig;
import io.warmline.routing.domain.Actor;
import io.warmline.routing.domain.Presence;
import io.warmline.routing.messaging.RepChanged;
import io.warmline.routing.persistence.Rep;
import io.warmline.routing.persistence.Team;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Teams, reps and their presence. Every change to a rep or a team is announced ({@code RepChanged}), so other
 * services keep their own copy of whom to reach; a change that may make a rep eligible offers them the queue.
 */
@ApplicationScoped
public class Roster {

    private static final Logger LOG = Logger.getLogger(Roster.class);

    private final Mutiny.SessionFactory sessions;
    private final Outbox outbox;
    private final Reassignment reassignment;
    private final RoutingConfig config;
    private final Clock clock;
    private final AuditLog audit;

    Roster(Mutiny.SessionFactory sessions, Outbox outbox, Reassignment reassignment, RoutingConfig config,
           Clock clock, AuditLog audit) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.reassignment = reassignment;
        this.config = config;
        this.clock = clock;
        this.audit = audit;
    }

    /** Creates or updates a rep; a new rep starts offline. True when created. */
    public Uni<Boolean> save(String id, RepProfile profile) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(Team.class, profile.teamId()).chain(team -> {
            if (team == null) {
                throw new Problem(422, "invalid-rep", "Unprocessable Content", "see errors", List.of(
                        new FieldProblem("teamId", "no team '" + profile.teamId() + "'; create it with PUT /teams/"
                                + profile.teamId())), null);
            }
            return session.find(Rep.class, id, LockMode.PESSIMISTIC_WRITE).chain(existing -> {
                Rep rep = existing != null ? existing : Rep.newcomer(id);
                rep.name = profile.name();
                rep.email = profile.email();
                // Never below what the rep holds now: the surplus drains as they call their leads.
                rep.capacity = Math.max(profile.capacity(), rep.openLeads);
                rep.teamId = team.id;
                rep.territories = String.join(",", profile.territories());
                rep.products = String.join(",", profile.products());
                rep.timeZone = profile.timeZone();
                rep.shiftStart = profile.shiftStart();
                rep.shiftEnd = profile.shiftEnd();
                rep.daysOff = profile.daysOff().stream().map(Enum::name).collect(Collectors.joining(","));
                rep.conversionRate = profile.conversionRate();
                rep.weight = profile.weight();
                rep.active = profile.active();
                rep.updatedAt = now;
                Uni<Void> stored = existing != null ? Uni.createFrom().voidItem() : session.persist(rep);
                return stored.chain(session::flush)
                        .chain(() -> id.equals(team.leadRepId) ? announceTeam(session, team, now)
                                : announce(session, rep, team, now))
                        .replaceWith(existing == null);
            });
        })).invoke(reassignment::afterCommit);
    }

    public Uni<Boolean> saveTeam(String id, String name, String strategy, String leadRepId) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(Team.class, id, LockMode.PESSIMISTIC_WRITE)
                .chain(existing -> {
                    Team team = existing != null ? existing : new Team();
                    team.id = id;
                    team.name = name;
                    team.strategy = strategy;
                    team.leadRepId = leadRepId;
                    team.updatedAt = now;
                    Uni<Void> stored = existing != null ? Uni.createFrom().voidItem() : session.persist(team);
                    return stored.chain(session::flush).chain(() -> announceTeam(session, team, now))
                            .chain(() -> audit.record(session, existing == null ? "team.created" : "team.changed", id,
                                    Map.of("strategy", strategy, "leadRepId", leadRepId == null ? "" : leadRepId)))
                            .replaceWith(existing == null);
                })).invoke(reassignment::afterCommit);
    }

    /** The teams the actor may see ({@link Actor#seesTeam}): every team for an operator, a team lead's own. */
    public Uni<List<Team>> teams(Actor actor) {
        return sessions.withSession(session -> session.createSelectionQuery("from Team order by id", Team.class)
                .getResultList()).map(teams -> teams.stream().filter(team -> actor.seesTeam(team.id)).toList());
    }

    /** Sets a rep's presence; going offline hands their uncalled leads on. 404 for a rep the actor may not see. */
    public Uni<Rep> setPresence(String id, Presence presence, Actor actor) {
        return Uni.createFrom().deferred(() -> changePresence(id, presence, actor))
                .onFailure(Reassignment.HeldLeadsChanged.class).retry().atMost(5)
                .invoke(reassignment::afterCommit);
    }

    private Uni<Rep> changePresence(String id, Presence presence, Actor actor) {
        Instant now = clock.instant();
        boolean offline = presence == Presence.OFFLINE;
        // Going offline hands leads on: their locks come before the rep's (see Reassignment.lockUncalled).
        return sessions.withTransaction(session -> (offline ? reassignment.lockUncalled(session, id)
                        : Uni.createFrom().item(Set.<UUID>of()))
                .chain(uncalled -> session.find(Rep.class, id, LockMode.PESSIMISTIC_WRITE).chain(rep -> {
                    authorise(id, rep, actor);
                    rep.presence = presence.wireName();
                    rep.updatedAt = now;
                    return offline
                            ? session.flush().chain(() -> reassignment.withdrawUncalled(session, id, uncalled, now))
                            .replaceWith(rep)
                            : Uni.createFrom().item(rep);
                })));
    }

    /** The rep's client is alive; from the first heartbeat on, silence makes the rep away by itself. */
    public Uni<Rep> heartbeat(String id, Actor actor) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(Rep.class, id).map(rep -> {
            authorise(id, rep, actor);
            rep.lastHeartbeatAt = now;
            return rep;
        }));
    }

    @Scheduled(every = "${warmline.routing.heartbeat-sweep:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> awayWhenSilent() {
        Instant cutoff = clock.instant().minus(config.heartbeatTimeout());
        return sessions.withTransaction(session -> session.createNativeQuery("""
                        UPDATE rep SET presence = 'away', updated_at = :now
                         WHERE presence IN ('available', 'busy') AND last_heartbeat_at < :cutoff""")
                        .setParameter("now", clock.instant())
                        .setParameter("cutoff", cutoff)
                        .executeUpdate())
                .invoke(silent -> {
                    if (silent > 0) {
                        LOG.infof("%d reps stopped sending heartbeats and are now away", silent);
                    }
                })
                .replaceWithVoid();
    }

    /** The reps the actor may see (as {@link Actor#mayActFor}), by id, from the page's cursor on. */
    public Uni<List<Rep>> list(Actor actor, PageRequest page) {
        String visible = actor.operator() ? "true"
                : actor.role() == Actor.Role.TEAM_LEAD && actor.team() != null ? "(id = :me or teamId = :team)"
                : "id = :me";
        return sessions.withSession(session -> {
            var query = session.createSelectionQuery("from Rep where " + visible
                    + (page.first() ? "" : " and id > :after") + " order by id", Rep.class);
            if (!actor.operator()) {
                query.setParameter("me", actor.id());
            }
            if (visible.contains(":team")) {
                query.setParameter("team", actor.team());
            }
            if (!page.first()) {
                query.setParameter("after", page.afterText(0));
            }
            return query.setMaxResults(page.rowsToFetch()).getResultList();
        });
    }

    public Uni<Rep> find(String id, Actor actor) {
        return sessions.withSession(session -> session.find(Rep.class, id)).map(rep -> {
            authorise(id, rep, actor);
            return rep;
        });
    }

    /** 404 for an unknown rep and, in the same words, for one the actor may not see: it never says one exists. */
    private static void authorise(String id, Rep rep, Actor actor) {
        if (rep == null || !actor.mayActFor(rep.id, rep.teamId)) {
            throw new Problem(404, "unknown-rep", "Not Found", actor.operator()
                    ? "no rep '" + id + "'; an operator creates it with PUT /reps/" + id
                    : "no rep '" + id + "' among the reps you may see (yourself"
                    + (actor.role() == Actor.Role.TEAM_LEAD ? " and your team's" : "") + ")");
        }
    }

    private Uni<Void> announceTeam(Mutiny.Session session, Team team, Instant now) {
        return session.createSelectionQuery("from Rep where teamId = :team order by id", Rep.class)
                .setParameter("team", team.id).getResultList()
                .chain(reps -> {
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (Rep rep : reps) {
                        all = all.chain(() -> announce(session, rep, team, now));
                    }
                    return all;
                });
    }

    private Uni<Void> announce(Mutiny.Session session, Rep rep, Team team, Instant now) {
        Uni<Optional<Rep>> teamLead = team.leadRepId == null ? Uni.createFrom().item(Optional.empty())
                : session.find(Rep.class, team.leadRepId).map(Optional::ofNullable);
        return teamLead.chain(lead -> outbox.add(session, OutgoingEvent.keyed(RepChanged.TOPIC,
                RepChanged.TYPE, RepChanged.VERSION, rep.id, now, new RepChanged(rep.id, rep.name, rep.email, team.id,
                        team.leadRepId, lead.map(l -> l.email).orElse(null), rep.timeZone, rep.active,
                        new RepChanged.Hours(rep.shiftStart.toString(), rep.shiftEnd.toString(),
                                Rep.list(rep.daysOff).stream().map(day -> day.toLowerCase(java.util.Locale.ROOT))
                                        .sorted().toList()))))).replaceWithVoid();
    }
}
