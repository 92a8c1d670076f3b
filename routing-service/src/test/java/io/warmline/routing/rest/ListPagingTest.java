package io.warmline.routing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.testing.Pages;
import io.warmline.routing.messaging.Routed;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.warmline.routing.rest.Tokens.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The operators' lists page by page on the real database: walked with the Link header's cursor, every row comes once
 * and in the list's order, also when rows are added between pages (after the cursor: shown; before it: belongs to a
 * page already read, never shown twice). Bad paging parameters are refused with problem details.
 */
@QuarkusTest
class ListPagingTest {

    @Inject
    Pool database;

    final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final String team = "pg-" + suffix;
    final String teamLead = Tokens.teamLead("lead-" + suffix, team);
    final List<UUID> leads = new ArrayList<>();

    @BeforeEach
    void aTeamOfItsOwn() {
        new Routed(database).onlyNewRepsInPlay();
        as(Tokens.operator()).body("{\"name\":\"Paging " + suffix + "\"}").put("/teams/{id}", team).then()
                .statusCode(201);
    }

    @AfterEach
    void removeTheRowsWritten() {
        for (UUID lead : leads) {
            sql("DELETE FROM waiting_lead WHERE lead_id = $1", lead);
            sql("DELETE FROM timeline_entry WHERE lead_id = $1", lead);
            sql("UPDATE assignment SET status = 'withdrawn' WHERE lead_id = $1", lead);
        }
    }

    @Test
    void repsPageByPageEachOnceByIdAsRepsJoin() {
        for (String id : List.of("b", "d", "f", "h")) {
            rep(id);
        }
        List<Map<String, Object>> seen = Pages.walk(() -> as(teamLead), "/reps?limit=2", page -> {
            if (page == 1) {
                rep("a"); // before the cursor (b, d): on a page already read
                rep("e"); // after it
            }
        });
        assertEquals(List.of("b", "d", "e", "f", "h").stream().map(this::repId).toList(),
                seen.stream().map(row -> row.get("id")).toList());
    }

    @Test
    void theQueueWarmestFirstThenLongestWaitingAcrossPages() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(600);
        List<Waiting> queued = new ArrayList<>();
        // Ties on score and on queue time, so each part of the sort key decides somewhere.
        for (int[] scoreAndSeconds : new int[][]{{90, 0}, {90, 0}, {90, 5}, {80, 0}, {70, 3}, {70, 3}, {70, 1}}) {
            queued.add(waiting(scoreAndSeconds[0], at.plusSeconds(scoreAndSeconds[1])));
        }
        List<Waiting> added = new ArrayList<>();
        List<Map<String, Object>> seen = Pages.walk(() -> as(Tokens.operator()), "/queue?limit=3", page -> {
            if (page == 1) {
                waiting(99, at); // warmer than the cursor: belongs to the page already read
                added.add(waiting(60, at)); // cooler: still ahead
                added.add(waiting(90, at.plusSeconds(7))); // same score as the cursor, queued later: ahead
            }
        });
        queued.addAll(added);
        // Lead ids compare as PostgreSQL does (bytes, unsigned): as their text, not as Java's signed UUIDs.
        queued.sort(Comparator.comparingInt(Waiting::score).reversed().thenComparing(Waiting::queuedAt)
                .thenComparing(w -> w.leadId().toString()));
        assertEquals(queued.stream().map(w -> w.leadId().toString()).toList(), seen.stream()
                .map(row -> row.get("leadId")).filter(id -> leads.contains(UUID.fromString((String) id))).toList());
    }

    @Test
    void openLeadsNearestDeadlineFirstThoseWithoutOneLast() {
        rep("r");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<UUID> expected = new ArrayList<>();
        // respond-by (null: none), assigned: in the board's order
        expected.add(open(at.plusSeconds(60), at.minusSeconds(30)));
        expected.add(open(at.plusSeconds(60), at.minusSeconds(20)));
        expected.add(open(at.plusSeconds(120), at.minusSeconds(90)));
        expected.add(open(null, at.minusSeconds(50)));
        expected.add(open(null, at.minusSeconds(50)));
        UUID[] ahead = new UUID[2];
        List<Map<String, Object>> seen = Pages.walk(() -> as(teamLead), "/open-leads?limit=2", page -> {
            if (page == 2) {
                open(at.plusSeconds(30), at); // nearer than the cursor: page already read
                ahead[0] = open(null, at.minusSeconds(10)); // without deadline, assigned after the others: ahead
                ahead[1] = open(null, at);
            }
        });
        expected.add(ahead[0]);
        expected.add(ahead[1]);
        assertEquals(expected.stream().map(UUID::toString).toList(),
                seen.stream().map(row -> row.get("leadId")).toList());
    }

    @Test
    void escalationsNewestFirstAcrossPages() {
        rep("r");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID lead = open(null, at.minusSeconds(3600));
        List<Instant> expected = new ArrayList<>();
        for (int minutesAgo : new int[]{5, 5, 10, 20, 30}) {
            expected.add(entry(lead, at.minusSeconds(minutesAgo * 60L)));
        }
        List<Map<String, Object>> seen = Pages.walk(() -> as(teamLead), "/escalations?limit=2", page -> {
            if (page == 1) {
                entry(lead, at); // newer than the cursor: the board shows it on its next first page
                expected.add(entry(lead, at.minusSeconds(25 * 60))); // older: still ahead
            }
        });
        expected.sort(Comparator.reverseOrder());
        assertEquals(expected, seen.stream().map(row -> Instant.parse((String) row.get("at"))).toList());
    }

    @Test
    void theLastPageAnnouncesNoNextOne() {
        rep("only");
        rep("other");
        Response last = as(teamLead).get("/reps?limit=2");
        last.then().statusCode(200).body("size()", equalTo(2));
        assertNull(Pages.next(last));
        Response first = as(teamLead).get("/reps?limit=1");
        first.then().statusCode(200).body("size()", equalTo(1))
                .header("Link", startsWith("</reps?")).header("Link", containsString("rel=\"next\""));
        assertNotNull(Pages.next(first));
    }

    @Test
    void badPagingParametersAreRefusedWithProblemDetails() {
        for (String limit : List.of("0", "-3", "501", "lots")) {
            as(Tokens.operator()).get("/queue?limit=" + limit).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("urn:warmline:problem:invalid-limit"))
                    .body("detail", containsString("from 1 to 500"));
        }
        rep("x");
        rep("y");
        String cursor = Pages.next(as(teamLead).get("/reps?limit=1")).replaceAll(".*cursor=([^&]*).*", "$1");
        String tampered = cursor.substring(0, cursor.indexOf('.') - 2) + "AA" + cursor.substring(cursor.indexOf('.'));
        for (String bad : List.of("garbage", tampered, cursor.substring(0, cursor.length() - 1))) {
            as(teamLead).get("/reps?cursor=" + bad).then().statusCode(400)
                    .contentType("application/problem+json").body("type", equalTo("urn:warmline:problem:invalid-cursor"));
        }
        // A cursor of one list is not one of another's.
        as(Tokens.operator()).get("/escalations?cursor=" + cursor).then().statusCode(400)
                .body("type", equalTo("urn:warmline:problem:invalid-cursor"))
                .body("detail", containsString("Link rel=\"next\""));
    }

    @Test
    void theContractDocumentsTheParametersAndTheLinkHeader() {
        for (String list : List.of("/reps", "/queue", "/open-leads", "/escalations")) {
            io.restassured.RestAssured.given().accept("application/json").get("/q/openapi?format=json").then()
                    .statusCode(200)
                    .body("paths.'" + list + "'.get.parameters.name", org.hamcrest.Matchers.hasItems("limit", "cursor"))
                    .body("paths.'" + list + "'.get.responses.'200'.headers.Link.description",
                            containsString("rel=\"next\""))
                    .body("paths.'" + list + "'.get.responses.'200'.content", org.hamcrest.Matchers.notNullValue());
        }
    }

    private record Waiting(UUID leadId, int score, Instant queuedAt) {
    }

    private String repId(String name) {
        return "p" + name + "-" + suffix;
    }

    private void rep(String name) {
        Tokens.saveRep(repId(name), "{\"name\":\"Rep " + name + "\",\"capacity\":5,\"teamId\":\"" + team + "\"}");
    }

    private Waiting waiting(int score, Instant queuedAt) {
        UUID lead = UUID.randomUUID();
        leads.add(lead);
        sql("INSERT INTO waiting_lead (lead_id, score, tier, queued_at) VALUES ($1, $2, 'warm', $3)", lead, score,
                queuedAt.atOffset(ZoneOffset.UTC));
        return new Waiting(lead, score, queuedAt);
    }

    private UUID open(Instant respondBy, Instant assignedAt) {
        UUID lead = UUID.randomUUID();
        leads.add(lead);
        sql("INSERT INTO routed_lead (lead_id, score, tier, lead, status) VALUES ($1, 50, 'warm', '{}', 'assigned')",
                lead);
        sql("INSERT INTO assignment (lead_id, rep_id, team_id, assigned_at, respond_by, reason, status) "
                        + "VALUES ($1, $2, $3, $4, $5, 'paging test', 'open')", lead, repId("r"), team,
                assignedAt.atOffset(ZoneOffset.UTC),
                respondBy == null ? null : respondBy.atOffset(ZoneOffset.UTC));
        return lead;
    }

    private Instant entry(UUID lead, Instant at) {
        sql("INSERT INTO timeline_entry (lead_id, kind, occurred_at, detail) VALUES ($1, 'lapsed', $2, '{}')", lead,
                at.atOffset(ZoneOffset.UTC));
        return at;
    }

    private void sql(String statement, Object... values) {
        database.preparedQuery(statement).execute(Tuple.from(values)).await().indefinitely();
    }
}
