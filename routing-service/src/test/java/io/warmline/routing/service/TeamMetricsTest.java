package io.warmline.routing.service;

import io.quarkus.test.junit.QuarkusTest;
import io.warmline.routing.rest.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.warmline.routing.rest.Tokens.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The per-team gauges the business-hours alerts read: the default team's exist from the start; a new team's appear
 * with its reps' standing (a rep with no hours is always on shift).
 */
@QuarkusTest
class TeamMetricsTest {

    @Test
    void aTeamIsInBusinessHoursWhileARepIsOnShiftAndCountsItsAvailableReps() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("warmline_team_business_hours{team=\"default\"}"))
                .body(containsString("warmline_team_reps_available{team=\"default\"}"));

        String team = "tm-" + UUID.randomUUID().toString().substring(0, 6);
        as(Tokens.operator()).body("{\"name\":\"Metrics\"}").put("/teams/{id}", team).then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains(
                "warmline_team_business_hours{team=\"" + team + "\"} 0.0"));

        String rep = "rm-" + team;
        Tokens.saveRep(rep, "{\"name\":\"Round the clock\",\"capacity\":1,\"teamId\":\"" + team + "\"}");
        Tokens.presence(rep, team, "available");
        await().atMost(Duration.ofSeconds(20)).until(() -> metrics().contains(
                "warmline_team_business_hours{team=\"" + team + "\"} 1.0")
                && metrics().contains("warmline_team_reps_available{team=\"" + team + "\"} 1.0"));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
