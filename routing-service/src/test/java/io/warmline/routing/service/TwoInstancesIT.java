package io.warmline.routing.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.warmline.platform.testing.JwtKeys;
import io.warmline.platform.testing.Replica;
import io.warmline.platform.testing.Stack;
import io.warmline.routing.messaging.Routed;
import io.warmline.routing.rest.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5, acceptance 2: two routing-service replicas (the packaged jar twice: one consumer group, one database) on
 * the real broker and database. 500 scored leads for two territories; 20 reps whose presence changes all the while,
 * through either replica; reps calling, closing, connecting and declining their leads through either replica. Then,
 * from the database's assignment history and the lead-assigned topic: every lead went to a first rep exactly once and
 * was never held by two reps at once; no rep held more uncalled leads than its capacity at any instant; no lead
 * waited while a rep who could take it had room; the queue ends empty.
 *
 * <p>The south's leads arrive first, while nobody covering the south is there: more of them than one drain pass
 * reads. North leads queued behind them must still reach north reps with room.
 */
class TwoInstancesIT {

    private static final String PUBLIC_KEY;

    static {
        // Tokens signs with the private key named here: set before anything reads the configuration.
        Map<String, String> keys = new JwtKeys().start();
        System.setProperty("smallrye.jwt.sign.key.location", keys.get("smallrye.jwt.sign.key.location"));
        PUBLIC_KEY = keys.get("mp.jwt.verify.publickey.location");
    }

    private static final int SOUTH_LEADS = Dispatcher.DRAIN_BATCH + 20;
    private static final int NORTH_LEADS = 500 - SOUTH_LEADS;
    private static final int NORTH_REPS = 14;
    private static final int SOUTH_REPS = 6;
    private static final int EVERYONE_CHANGES = 100;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final List<String> ZONES = List.of("Europe/London", "America/New_York", "Asia/Kolkata",
            "Australia/Sydney", "UTC");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTED_IN = "SELECT count(*) FROM routed_lead WHERE region = $1";
    private static final String WAITING_IN = "SELECT count(*) FROM waiting_lead JOIN routed_lead l USING (lead_id) "
            + "WHERE l.region = $1";
    /** Leads of a region waiting that the given rep may take (not the ones given back by or taken from her). */
    private static final String WAITING_FOR_ON_DUTY = "SELECT count(*) FROM waiting_lead w JOIN routed_lead l "
            + "USING (lead_id) WHERE l.region = $1 AND w.excluded_rep_id IS DISTINCT FROM $2";
    /** Waiting leads this run's reps cover: their territories, or no territory at all (anyone covers those). */
    private static final String WAITING_FOR_US = "SELECT count(*) FROM waiting_lead JOIN routed_lead l "
            + "USING (lead_id) WHERE l.region IS NULL OR l.region = '' OR l.region IN ($1, $2)";

    /** A rep of this run, and who they are to the API. */
    private record Seat(String id, String team, String region, int capacity) {
        String token() {
            return Tokens.rep(id, team);
        }
    }

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String north = "north-" + run;
    private final String south = "south-" + run;
    private final List<Replica> replicas = new ArrayList<>();
    private final List<Seat> northReps = new ArrayList<>();
    private final List<Seat> southReps = new ArrayList<>();
    private final Queue<String> surprises = new ConcurrentLinkedQueue<>();
    private final AtomicInteger presenceChanges = new AtomicInteger();
    private final AtomicInteger followUps = new AtomicInteger();
    private final AtomicInteger declines = new AtomicInteger();
    private final List<UUID> leads = Collections.synchronizedList(new ArrayList<>());
    /** The reps calling their leads now: everyone, except while the north has one rep on duty. */
    private volatile List<Seat> calling = List.of();
    private Instant began;

    private Vertx vertx;
    private Pool database;
    private Routed routed;
    private ConsumerTask<String, String> assignedEvents;

    @AfterEach
    void stop() throws InterruptedException {
        if (database != null) {
            // Nobody from this run stays around to take a later test's leads.
            database.preparedQuery("UPDATE rep SET presence = 'offline' WHERE id LIKE $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of("it-" + run + "-%")).await().indefinitely();
        }
        for (Replica replica : replicas) {
            replica.close();
        }
        if (assignedEvents != null) {
            assignedEvents.stop();
            routed.kafka.close();
        }
        if (database != null) {
            database.closeAndAwait();
            vertx.closeAndAwait();
        }
    }

    @Test
    void everyLeadGoesToOneRepAtATimeAndNoRepIsEverOverCapacity() throws Exception {
        began = Instant.now();
        replicas.add(Replica.start("routing-a-" + run, PUBLIC_KEY));
        replicas.add(Replica.start("routing-b-" + run, PUBLIC_KEY));
        for (Replica replica : replicas) {
            replica.awaitReady(PATIENCE);
        }
        progress("both replicas ready");
        connect();
        routed.onlyNewRepsInPlay();
        roster();
        progress("earlier events settled; 2 teams and 20 reps created");
        List<Seat> everyone = new ArrayList<>(northReps);
        everyone.addAll(southReps);
        Random chaos = new Random(20_250_605L);
        northReps.forEach(rep -> presence(chaos, rep, "available"));

        ExecutorService workers = Executors.newFixedThreadPool(3);
        AtomicBoolean working = new AtomicBoolean(true);
        calling = everyone;
        List<Future<?>> callers = List.of(workers.submit(() -> callLeads(new Random(1), working)),
                workers.submit(() -> callLeads(new Random(2), working)));
        Future<?> producing = workers.submit(this::produceLeads);
        try {
            // The south is closed; north reps come and go while the leads arrive and are routed.
            Instant giveUp = Instant.now().plus(PATIENCE);
            do {
                for (int i = 0; i < 10; i++) {
                    changePresence(chaos, northReps);
                }
                assertTrue(Instant.now().isBefore(giveUp), "the leads were not all routed within " + PATIENCE);
            } while (!producing.isDone() || count(ROUTED_IN, north) < NORTH_LEADS);
            producing.get();

            // One north rep on duty, the others busy: every north lead reaches her, however many south leads wait
            // ahead of them (one rep: no other replica's drain can find room and read past the south's leads).
            Seat onDuty = northReps.get(2); // capacity 4, the most
            calling = List.of(onDuty);
            northReps.forEach(rep -> presence(chaos, rep, rep == onDuty ? "available" : "busy"));
            progress(leads.size() + " leads routed, " + presenceChanges.get() + " presence changes; the north's "
                    + "leads now go to " + onDuty.id() + " alone");
            await("north leads served by the rep on duty while " + SOUTH_LEADS + " south leads wait ahead of them")
                    .atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .until(() -> count(ROUTED_IN, north) == NORTH_LEADS && count(WAITING_FOR_ON_DUTY, north,
                            onDuty.id()) == 0);
            assertEquals(SOUTH_LEADS, count(WAITING_IN, south), "the south's leads all waited for a south rep");
            progress("north served by one rep past " + SOUTH_LEADS + " waiting south leads");
            calling = everyone;

            // Everyone comes and goes; the south opens.
            for (int i = 0; i < EVERYONE_CHANGES; i++) {
                changePresence(chaos, everyone);
            }
            progress(presenceChanges.get() + " presence changes; everyone on duty until the queue is empty");

            // Everyone is there: reps call until every lead has had a rep and nobody holds an uncalled one.
            everyone.forEach(rep -> presence(chaos, rep, "available"));
            await("every lead assigned, the queue empty, no uncalled lead left").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(500)).until(this::allServed);
        } finally {
            working.set(false);
            producing.cancel(true);
            for (Future<?> caller : callers) {
                caller.get(60, TimeUnit.SECONDS);
            }
            workers.shutdownNow();
        }

        assertEquals(List.of(), List.copyOf(surprises), "answers no client should have had");
        assertEachLeadHadOneRepAtATime();
        assertNoRepWasEverOverCapacity();
        assertTheTopicTellsTheSameStory();
        assertTheQueueIsEmpty();
        long reassigned = count("SELECT count(*) FROM assignment a JOIN routed_lead l USING (lead_id) "
                + "WHERE l.region IN ($1, $2) AND a.assignment_number > 1", north, south);
        long queued = count("SELECT count(DISTINCT t.lead_id) FROM timeline_entry t JOIN routed_lead l USING (lead_id) "
                + "WHERE l.region IN ($1, $2) AND t.kind = 'queued'", north, south);
        assertTrue(reassigned > 0 && queued > SOUTH_LEADS, "the run must have reassigned and queued leads");
        progress(leads.size() + " leads, " + (northReps.size() + southReps.size()) + " reps, " + presenceChanges.get()
                + " presence changes, " + followUps.get() + " follow-ups, " + declines.get() + " declines, "
                + reassigned + " reassignments, " + queued + " leads queued at least once");
    }

    // ---- the run ------------------------------------------------------------------------------------------------

    private void connect() {
        vertx = Vertx.vertx();
        PgConnectOptions options = PgConnectOptions.fromUri(Stack.module().reactiveUrl())
                .setUser("routing").setPassword(System.getenv().getOrDefault("WARMLINE_DB_PASSWORD", "routing"));
        database = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options).using(vertx).build();
        routed = new Routed(database);
        assignedEvents = routed.watch("warmline.lead-assigned");
    }

    /** Two teams, one territory each; capacities of 2 to 4; shifts around now in five time zones. */
    private void roster() {
        require(replicas.get(0).send("PUT", "/teams/it-" + run + "-north", Tokens.operator(),
                "{\"name\":\"North " + run + "\",\"strategy\":\"round_robin\"}"), 201);
        require(replicas.get(1).send("PUT", "/teams/it-" + run + "-south", Tokens.operator(),
                "{\"name\":\"South " + run + "\",\"strategy\":\"least_loaded\"}"), 201);
        for (int i = 0; i < NORTH_REPS + SOUTH_REPS; i++) {
            boolean inNorth = i < NORTH_REPS;
            String zone = ZONES.get(i % ZONES.size());
            LocalTime local = LocalTime.now(ZoneId.of(zone)).truncatedTo(ChronoUnit.MINUTES);
            DateTimeFormatter hours = DateTimeFormatter.ofPattern("HH:mm");
            Seat seat = new Seat("it-" + run + "-" + (inNorth ? "n" : "s") + i,
                    "it-" + run + (inNorth ? "-north" : "-south"), inNorth ? north : south, 2 + i % 3);
            require(replicas.get(i % 2).send("PUT", "/reps/" + seat.id(), Tokens.operator(), """
                    {"name":"Rep %d","capacity":%d,"teamId":"%s","territories":["%s"],"timeZone":"%s",
                     "workingHours":{"start":"%s","end":"%s","daysOff":[]},"conversionRate":%s,"weight":%d}"""
                    .formatted(i, seat.capacity(), seat.team(), seat.region(), zone,
                            local.minusHours(4).format(hours), local.plusHours(4).format(hours), 0.05 + i * 0.01,
                            1 + i % 3)), 201);
            (inNorth ? northReps : southReps).add(seat);
        }
    }

    /** The south's leads at once (nobody there takes them), then the north's in bursts. */
    private void produceLeads() {
        leads.addAll(routed.scoredLeads(south, SOUTH_LEADS));
        for (int sent = 0; sent < NORTH_LEADS; sent += 40) {
            leads.addAll(routed.scoredLeads(north, Math.min(40, NORTH_LEADS - sent)));
            sleep(300);
        }
    }

    private void changePresence(Random random, List<Seat> reps) {
        int roll = random.nextInt(100);
        String status = roll < 45 ? "available" : roll < 60 ? "busy" : roll < 75 ? "away" : "offline";
        presence(random, reps.get(random.nextInt(reps.size())), status);
        presenceChanges.incrementAndGet();
        sleep(20);
    }

    private void presence(Random random, Seat rep, String status) {
        expect(replica(random).send("PUT", "/reps/" + rep.id() + "/presence", rep.token(),
                "{\"status\":\"" + status + "\"}"), 200);
    }

    /** A rep's day: look at the leads you hold, and call (or give back) each one nobody has reached yet. */
    private void callLeads(Random random, AtomicBoolean working) {
        while (working.get()) {
            List<Seat> order = new ArrayList<>(calling);
            Collections.shuffle(order, random);
            boolean anything = false;
            for (Seat rep : order) {
                if (!working.get()) {
                    return;
                }
                try {
                    Replica.Answer held = expect(replica(random).send("GET", "/reps/" + rep.id() + "/leads",
                            rep.token(), null), 200);
                    for (JsonNode lead : held.status() == 200 ? JSON.readTree(held.body()) : JSON.createArrayNode()) {
                        if ("open".equals(lead.path("status").asText())) {
                            anything = true;
                            call(random, rep, lead.path("leadId").asText());
                        }
                    }
                } catch (Exception e) {
                    surprises.add(rep.id() + ": " + e);
                }
            }
            if (!anything) {
                sleep(100);
            }
        }
    }

    /**
     * One attempt on a lead the rep held a moment ago: by now it may have been handed on (404: no longer theirs to see) or closed or queued
     * (409), which is what another rep's client sees in the same race.
     */
    private void call(Random random, Seat rep, String leadId) {
        int roll = random.nextInt(100);
        Replica via = replica(random);
        if (roll < 10) {
            expect(via.send("POST", "/leads/" + leadId + "/decline", rep.token(), null), 204, 404, 409);
            declines.incrementAndGet();
            return;
        }
        String due = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        String attempt = roll < 35 ? "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"signed\"}}"
                : roll < 58 ? "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"not_interested\"}}"
                : roll < 72 ? "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"proposal\",\"dueAt\":\"" + due + "\"}}"
                : roll < 78 ? "{\"outcome\":\"connected\",\"objection\":\"not_ready\",\"nextStep\":"
                + "{\"type\":\"follow_up_call\",\"dueAt\":\"" + due + "\"}}"
                : roll < 88 ? "{\"outcome\":\"no_answer\"}"
                : roll < 94 ? "{\"outcome\":\"voicemail\"}"
                : "{\"outcome\":\"wrong_number\"}";
        expect(via.send("POST", "/leads/" + leadId + "/follow-ups", rep.token(), attempt), 201, 404, 409);
        followUps.incrementAndGet();
    }

    private boolean allServed() {
        return count("SELECT count(DISTINCT a.lead_id) FROM assignment a JOIN routed_lead l USING (lead_id) "
                + "WHERE l.region IN ($1, $2) AND a.assignment_number = 1", north, south) == leads.size()
                && count(WAITING_FOR_US, north, south) == 0
                && count("SELECT count(*) FROM assignment WHERE rep_id LIKE $1 AND status = 'open'",
                "it-" + run + "-%") == 0;
    }

    // ---- what must hold -----------------------------------------------------------------------------------------

    /** Assignment numbers 1..n per lead (one first assignment), each ended before the next began, one at most current. */
    private void assertEachLeadHadOneRepAtATime() {
        Map<UUID, List<Row>> byLead = new HashMap<>();
        for (Row row : routed.rows("""
                SELECT a.lead_id, a.assignment_number, a.status, a.assigned_at, a.released_at
                  FROM assignment a JOIN routed_lead l USING (lead_id)
                 WHERE l.region IN ($1, $2) ORDER BY a.lead_id, a.assignment_number""", north, south)) {
            byLead.computeIfAbsent(row.getUUID("lead_id"), id -> new ArrayList<>()).add(row);
        }
        assertEquals(Set.copyOf(leads), byLead.keySet(), "every lead was assigned");
        List<String> wrong = new ArrayList<>();
        byLead.forEach((lead, rows) -> {
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                if (row.getInteger("assignment_number") != i + 1) {
                    wrong.add(lead + ": assignment numbers " + rows.stream()
                            .map(r -> r.getInteger("assignment_number")).toList());
                    return;
                }
                boolean last = i == rows.size() - 1;
                if (!last && (row.getOffsetDateTime("released_at") == null || row.getOffsetDateTime("released_at")
                        .isAfter(rows.get(i + 1).getOffsetDateTime("assigned_at")))) {
                    wrong.add(lead + ": assignment " + (i + 1) + " (" + row.getString("status")
                            + ") still held when the next began");
                }
            }
        });
        assertEquals(List.of(), wrong, "leads held by two reps at once, or given twice");
    }

    /**
     * Sweeps each rep's history: +1 at every assigned_at, -1 at every slot_freed_at; at equal instants the taking
     * counts first, so a tie can only make the check stricter. Also: what each rep's counter says matches it.
     */
    private void assertNoRepWasEverOverCapacity() {
        Map<String, Integer> capacity = new HashMap<>();
        Map<String, TreeMap<Instant, int[]>> changes = new HashMap<>();
        List<String> incomplete = new ArrayList<>();
        for (Row row : routed.rows("""
                SELECT r.id, r.capacity, a.lead_id, a.status, a.assigned_at, a.slot_freed_at
                  FROM assignment a JOIN rep r ON r.id = a.rep_id WHERE r.id LIKE $1""", "it-" + run + "-%")) {
            String rep = row.getString("id");
            capacity.put(rep, row.getInteger("capacity"));
            TreeMap<Instant, int[]> timeline = changes.computeIfAbsent(rep, id -> new TreeMap<>());
            timeline.computeIfAbsent(row.getOffsetDateTime("assigned_at").toInstant(), at -> new int[2])[0]++;
            if (row.getOffsetDateTime("slot_freed_at") != null) {
                timeline.computeIfAbsent(row.getOffsetDateTime("slot_freed_at").toInstant(), at -> new int[2])[1]++;
            } else if (!"open".equals(row.getString("status"))) {
                incomplete.add(row.getUUID("lead_id") + " " + row.getString("status") + " with " + rep);
            }
        }
        assertEquals(List.of(), incomplete, "assignments that ended without saying when their slot was freed");
        List<String> over = new ArrayList<>();
        int repsFilledUp = 0;
        for (var rep : changes.entrySet()) {
            int held = 0;
            int peak = 0;
            for (var at : rep.getValue().entrySet()) {
                held += at.getValue()[0];
                peak = Math.max(peak, held);
                if (held > capacity.get(rep.getKey())) {
                    over.add(rep.getKey() + " held " + held + " of " + capacity.get(rep.getKey()) + " at "
                            + at.getKey());
                }
                held -= at.getValue()[1];
            }
            repsFilledUp += peak == capacity.get(rep.getKey()) ? 1 : 0;
        }
        assertEquals(List.of(), over, "reps over capacity");
        assertTrue(repsFilledUp >= (NORTH_REPS + SOUTH_REPS) / 2, "most reps were full at some point: "
                + repsFilledUp);
        assertEquals(List.of(), routed.rows("""
                SELECT r.id, r.open_leads, count(a.id) AS open FROM rep r
                  LEFT JOIN assignment a ON a.rep_id = r.id AND a.status = 'open'
                 WHERE r.id LIKE $1 GROUP BY r.id, r.open_leads HAVING r.open_leads <> count(a.id)""",
                "it-" + run + "-%").stream().map(row -> row.getString("id") + " counts " + row.getInteger("open_leads")
                + " open leads, holds " + row.getLong("open")).toList(), "each rep's count of open leads");
    }

    /** One LeadAssigned per lead and assignment number, for exactly the assignments in the database. */
    private void assertTheTopicTellsTheSameStory() {
        Set<String> inDatabase = routed.rows("""
                SELECT a.lead_id, a.assignment_number FROM assignment a JOIN routed_lead l USING (lead_id)
                 WHERE l.region IN ($1, $2)""", north, south).stream()
                .map(row -> row.getUUID("lead_id") + "#" + row.getInteger("assignment_number"))
                .collect(Collectors.toSet());
        Set<String> ours = leads.stream().map(UUID::toString).collect(Collectors.toSet());
        await("every assignment published").atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> published(ours).size() >= inDatabase.size());
        Map<String, Long> published = published(ours).stream()
                .collect(Collectors.groupingBy(key -> key, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of(), published.entrySet().stream().filter(entry -> entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "assignments published twice");
        assertEquals(new TreeMap<>(inDatabase.stream().collect(Collectors.toMap(key -> key, key -> 1L))), published);
    }

    private List<String> published(Set<String> ours) {
        List<String> keys = new ArrayList<>();
        for (var record : assignedEvents.getRecords()) {
            if (ours.contains(record.key())) {
                try {
                    keys.add(record.key() + "#" + JSON.readTree(record.value()).path("data").path("assignmentNumber")
                            .asInt(1));
                } catch (java.io.IOException e) {
                    throw new AssertionError("LeadAssigned is not JSON: " + record.value(), e);
                }
            }
        }
        return keys;
    }

    /** Nothing waits that one of this run's reps, all available with room, could take. */
    private void assertTheQueueIsEmpty() {
        assertEquals(0, count(WAITING_FOR_US, north, south), "leads left waiting");
        assertEquals(leads.size(), count("SELECT count(*) FROM routed_lead WHERE region IN ($1, $2) "
                + "AND status <> 'waiting'", north, south));
        assertEquals(northReps.size() + southReps.size(), count("SELECT count(*) FROM rep WHERE id LIKE $1 "
                + "AND presence = 'available' AND open_leads < capacity", "it-" + run + "-%"), "reps idle with room");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------


    /** For the build log only: what the run did, and when (nothing is asserted on time). */
    private void progress(String what) {
        System.out.printf("two replicas, %3d s: %s%n", Duration.between(began, Instant.now()).toSeconds(), what);
    }

    private long count(String sql, Object... parameters) {
        return routed.rows(sql, parameters).get(0).getLong(0);
    }

    private Replica replica(Random random) {
        return replicas.get(random.nextInt(replicas.size()));
    }

    /** The answer when its status is one a client may get in this race; otherwise noted as a surprise. */
    private Replica.Answer expect(Replica.Answer answer, int... allowed) {
        for (int status : allowed) {
            if (answer.status() == status) {
                return answer;
            }
        }
        surprises.add(answer.status() + " " + answer.body());
        return answer;
    }

    private static void require(Replica.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.body());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
