package io.warmline.routing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.platform.testing.Pages;
import io.warmline.routing.messaging.Routed;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.warmline.routing.rest.Tokens.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operators' board on the real broker and database: open leads with their deadlines, recent lapses and
 * escalations, who may read them, the page itself, and the rep console's cross-origin calls.
 */
@QuarkusTest
class OperatorBoardApiTest {

    static Routed routed;

    @Inject
    Pool database;

    final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final String team = "b-" + suffix;
    final String alex = "alex-" + suffix;
    UUID leadId;

    @BeforeEach
    void aLeadAssignedToAlexOfTheTeam() {
        if (routed == null) {
            routed = new Routed(database);
        }
        routed.onlyNewRepsInPlay();
        as(Tokens.operator()).body("{\"name\":\"Board " + suffix + "\"}").put("/teams/{id}", team).then()
                .statusCode(201);
        Tokens.saveRep(alex, "{\"name\":\"Alex\",\"capacity\":2,\"teamId\":\"" + team + "\"}");
        Tokens.presence(alex, team, "available");
        leadId = routed.scoredLead("London");
        assertEquals(alex, routed.awaitHolder(leadId));
    }

    @AfterAll
    static void stop() {
        routed.kafka.close();
    }

    private String openLead() {
        return "find { it.leadId == '" + leadId + "' }";
    }

    @Test
    void anOpenLeadShowsItsDeadlineUntilTheConnectedCall() {
        // The team's list is short; an operator's holds every team's, a page at a time.
        String teamLead = Tokens.teamLead("lead-" + suffix, team);
        assertTrue(Pages.walk(() -> as(Tokens.operator()), "/open-leads?limit=500", page -> { }).stream()
                .anyMatch(row -> leadId.toString().equals(row.get("leadId"))), "operators see every open lead");
        as(teamLead).get("/open-leads").then().statusCode(200)
                .body(openLead() + ".repId", equalTo(alex)).body(openLead() + ".teamId", equalTo(team))
                .body(openLead() + ".tier", equalTo("hot")).body(openLead() + ".respondBy", notNullValue())
                .body(openLead() + ".secondsLeft", greaterThan(0)).body(openLead() + ".attempts", equalTo(0));
        as(Tokens.teamLead("lead-" + suffix, "default")).get("/open-leads").then().statusCode(200)
                .body("leadId", not(hasItem(leadId.toString())));

        // An unanswered call keeps it open (and counted); a connected call with its next step ends the countdown.
        as(Tokens.rep(alex, team)).body("{\"outcome\":\"no_answer\"}").post("/leads/{id}/follow-ups", leadId)
                .then().statusCode(201);
        as(teamLead).get("/open-leads").then().body(openLead() + ".attempts", equalTo(1));
        as(Tokens.rep(alex, team)).body("{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"proposal\",\"dueAt\":\""
                + Instant.now().plus(Duration.ofDays(1)) + "\"}}").post("/leads/{id}/follow-ups", leadId)
                .then().statusCode(201);
        as(teamLead).get("/open-leads").then().statusCode(200).body(openLead(), nullValue());
    }

    /** Notification's escalation of alex's lead to the team lead at {@code now}, then its deadline lapsing. */
    private void escalatedThenLapsed(Instant now, Duration lapsedAfter) {
        routed.send("warmline.lead-escalated", leadId.toString(), """
                {"eventId":"%s","eventType":"LeadEscalated","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"step":3,"target":"team_lead","reason":"no follow-up","escalatedAt":"%s"}}"""
                .formatted(UUID.randomUUID(), now, leadId, now));
        routed.send("warmline.deadline-lapsed", leadId.toString(), """
                {"eventId":"%s","eventType":"DeadlineLapsed","schemaVersion":1,"occurredAt":"%s","leadId":"%s",
                 "data":{"repId":"%s","assignmentNumber":1,"assignedAt":"%s","respondBy":"%s","lapsedAt":"%s"}}"""
                .formatted(UUID.randomUUID(), now, leadId, alex, now.minusSeconds(3600), now,
                        now.plus(lapsedAfter)));
    }

    @Test
    void lapsesAndEscalationsNewestFirstForOperatorsAndTheLeadsTeam() {
        escalatedThenLapsed(Instant.now(), Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> routed.rows("SELECT 1 FROM timeline_entry "
                + "WHERE lead_id = $1 AND kind IN ('lapsed', 'escalated')", leadId).size() == 2);

        String mine = "findAll { it.leadId == '" + leadId + "' }";
        as(Tokens.operator()).get("/escalations").then().statusCode(200)
                .body(mine + ".kind", equalTo(java.util.List.of("lapsed", "escalated")))
                .body(mine + "[0].repId", equalTo(alex)).body(mine + "[0].detail.lapses", equalTo(1))
                .body(mine + "[1].detail.target", equalTo("team_lead"));
        as(Tokens.teamLead("lead-" + suffix, team)).get("/escalations").then().statusCode(200)
                .body(mine + ".size()", equalTo(2));
        as(Tokens.teamLead("lead-" + suffix, "default")).get("/escalations").then().statusCode(200)
                .body(mine + ".size()", equalTo(0));
    }

    @Test
    void aLeadThatLapsedIntoAnotherTeamShowsEachTeamLeadOnlyItsOwnTurn() {
        String south = "s-" + suffix;
        String sky = "sky-" + suffix;
        as(Tokens.operator()).body("{\"name\":\"South " + suffix + "\"}").put("/teams/{id}", south).then()
                .statusCode(201);
        Tokens.saveRep(sky, "{\"name\":\"Sky\",\"capacity\":2,\"teamId\":\"" + south + "\"}");
        Tokens.presence(sky, south, "available");
        escalatedThenLapsed(Instant.now(), Duration.ZERO);
        // The lapse (its own channel) hands the lead to Sky; the escalation reaches the board on another channel.
        await().atMost(Duration.ofSeconds(20)).until(() -> sky.equals(routed.holder(leadId))
                && routed.rows("SELECT 1 FROM timeline_entry WHERE lead_id = $1 AND kind IN ('lapsed', 'escalated')",
                        leadId).size() == 2);

        String southLead = Tokens.teamLead("lead-s-" + suffix, south);
        as(southLead).get("/leads/{id}", leadId).then().statusCode(200)
                .body("assignments.repId", equalTo(java.util.List.of(sky)))
                .body("assignments[0].previousRepId", nullValue());
        as(southLead).get("/leads/{id}/timeline", leadId).then().statusCode(200)
                .body("repId", not(hasItem(alex))).body("kind", not(hasItem("escalated")))
                .body("kind", hasItem("received")).body("find { it.kind == 'assigned' }.repId", equalTo(sky))
                .body("find { it.kind == 'assigned' }.detail.previousRepId", nullValue());
        String mine = "findAll { it.leadId == '" + leadId + "' }";
        as(southLead).get("/escalations").then().statusCode(200).body(mine + ".size()", equalTo(0));
        as(Tokens.teamLead("lead-" + suffix, team)).get("/escalations").then().statusCode(200)
                .body(mine + ".kind", org.hamcrest.Matchers.containsInAnyOrder("lapsed", "escalated"));
        as(Tokens.operator()).get("/leads/{id}", leadId).then().statusCode(200)
                .body("assignments.repId", equalTo(java.util.List.of(alex, sky)))
                .body("assignments[1].previousRepId", equalTo(alex));
        // The teams list: a team lead's own team only.
        as(southLead).get("/teams").then().statusCode(200).body("id", equalTo(java.util.List.of(south)));
    }

    @Test
    void onlyOperatorsAndTeamLeadsReadTheBoard() {
        for (String path : new String[]{"/open-leads", "/escalations"}) {
            as(Tokens.rep(alex, team)).get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:warmline:problem:forbidden")).body("detail", notNullValue());
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("urn:warmline:problem:unauthenticated"))
                    .header("WWW-Authenticate", "Bearer");
        }
    }

    @Test
    void theBoardPageIsServedWithoutAToken() {
        given().get("/board/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Operator board"));
        given().get("/board/board.js").then().statusCode(200).body(containsString("/open-leads"));
    }

    @Test
    void theRepConsolesOriginMayCallTheApiAndReadItsRefusals() {
        String console = "http://localhost:8084";
        given().header("Origin", console).header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/reps/{id}/presence", alex)
                .then().statusCode(200).header("Access-Control-Allow-Origin", console)
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        // A refusal carries the CORS headers too, or the console could not show the problem's detail.
        as(Tokens.rep("someone-else", "default")).header("Origin", console).body("{\"outcome\":\"connected\"}")
                .post("/leads/{id}/follow-ups", leadId)
                .then().statusCode(404).header("Access-Control-Allow-Origin", console)
                .contentType("application/problem+json");
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "PUT")
                .options("/reps/{id}/presence", alex)
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
