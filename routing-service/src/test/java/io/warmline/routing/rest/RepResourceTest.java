package io.warmline.routing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.warmline.platform.testing.Pages;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.warmline.routing.rest.Tokens.as;
import static io.warmline.routing.rest.Tokens.operator;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RepResourceTest {

    final String repId = "rep-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void createsARepOfflineWithWalkingSkeletonDefaultsThenUpdatesIt() {
        as(operator()).body("{\"name\":\"Alex Morgan\",\"capacity\":2}").put("/reps/{id}", repId)
                .then().statusCode(201).body("presence", equalTo("offline")).body("capacity", equalTo(2))
                .body("teamId", equalTo("default")).body("territories", contains("national"))
                .body("workingHours.start", equalTo("00:00")).body("timeZone", equalTo("UTC"));
        as(operator()).body("""
                        {"name":"Alex Morgan","email":"alex@example.com","capacity":4,"territories":["London","the South West"],
                         "products":["solar"],"timeZone":"Europe/London","conversionRate":0.27,"weight":2,
                         "workingHours":{"start":"09:00","end":"17:30","daysOff":["saturday","sunday"]}}""")
                .put("/reps/{id}", repId)
                .then().statusCode(200).body("capacity", equalTo(4)).body("workingHours.end", equalTo("17:30"))
                .body("workingHours.daysOff", contains("saturday", "sunday"))
                .body("territories", contains("London", "the South West"));
        assertTrue(Pages.walk(() -> as(operator()), "/reps?limit=500", page -> { }).stream()
                .anyMatch(row -> repId.equals(row.get("id"))), "the operator's list, page after page, has the rep");
    }

    @Test
    void setsPresenceAsTheRep() {
        Tokens.saveRep(repId, "{\"name\":\"Alex\"}");
        as(Tokens.rep(repId, "default")).body("{\"status\":\"busy\"}").put("/reps/{id}/presence", repId)
                .then().statusCode(200).body("presence", equalTo("busy"));
        as(Tokens.rep(repId, "default")).get("/reps/{id}", repId).then().statusCode(200)
                .body("presence", equalTo("busy"));
        as(Tokens.rep(repId, "default")).get("/reps").then().statusCode(200).body("id", contains(repId));
    }

    @Test
    void refusesAnInvalidRepNamingEachField() {
        as(operator()).body("{\"capacity\":0,\"timeZone\":\"Mars/Olympus\",\"workingHours\":{\"start\":\"9am\"}}")
                .put("/reps/{id}", "Not An Id")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:invalid-rep"))
                .body("errors.field", contains("repId", "name", "capacity", "timeZone", "workingHours.start"));
        as(operator()).body("{\"name\":\"Alex\",\"teamId\":\"no-such-team\"}").put("/reps/{id}", repId)
                .then().statusCode(422).body("errors[0].field", equalTo("teamId"));
    }

    @Test
    void refusesAnUnknownPresence() {
        Tokens.saveRep(repId, "{\"name\":\"Alex\"}");
        as(operator()).body("{\"status\":\"sleeping\"}").put("/reps/{id}/presence", repId)
                .then().statusCode(422).body("errors[0].field", equalTo("status"));
    }

    @Test
    void answersNotFoundForAnUnknownRep() {
        as(operator()).body("{\"status\":\"available\"}").put("/reps/{id}/presence", "nobody-here")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:unknown-rep"));
        as(operator()).get("/reps/nobody-here").then().statusCode(404);
    }

    @Test
    void refusesMalformedJsonWithProblemDetails() {
        as(operator()).body("{\"name\":").put("/reps/{id}", repId)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void withoutAValidTokenNothingIsAnsweredButAProblem() {
        given().get("/reps").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:unauthenticated")).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not.a.token").get("/reps").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void onlyOperatorsWriteTheRoster() {
        as(Tokens.rep(repId, "default")).body("{\"name\":\"Me\",\"capacity\":99}").put("/reps/{id}", repId)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:forbidden"));
        as(Tokens.teamLead("lead-1", "default")).body("{\"name\":\"Team\"}").put("/teams/{id}", "default")
                .then().statusCode(403);
        // What operators change is in the audit log; the refused attempt above is not.
        String team = "audited-" + repId;
        as(operator()).body("{\"name\":\"Audited\",\"strategy\":\"round_robin\"}").put("/teams/{id}", team)
                .then().statusCode(201);
        as(operator()).body("{\"name\":\"Audited\",\"strategy\":\"longest_idle\"}").put("/teams/{id}", team)
                .then().statusCode(200);
        as(operator()).get("/operations/audit").then().statusCode(200)
                .body("findAll { it.subject == '" + team + "' }.action", contains("team.changed", "team.created"))
                .body("findAll { it.subject == '" + team + "' }.detail.strategy",
                        contains("longest_idle", "round_robin"))
                .body("findAll { it.subject == 'default' && it.actor == 'lead-1' }", org.hamcrest.Matchers.empty());
    }

    @Test
    void aRepActsOnlyForThemselvesAndATeamLeadForTheirTeam() {
        String other = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        as(operator()).body("{\"name\":\"North\",\"strategy\":\"round_robin\"}").put("/teams/{id}", "north-" + repId)
                .then().statusCode(201);
        Tokens.saveRep(repId, "{\"name\":\"Alex\",\"teamId\":\"north-" + repId + "\"}");
        Tokens.saveRep(other, "{\"name\":\"Sam\"}");
        // Another rep answers as an unknown one does: 404 in the same words, never confirming that it exists.
        String unknown = as(Tokens.rep(other, "default")).get("/reps/{id}", "nobody-" + repId).then()
                .statusCode(404).extract().path("detail");
        as(Tokens.rep(other, "default")).body("{\"status\":\"available\"}").put("/reps/{id}/presence", repId)
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:unknown-rep"));
        as(Tokens.rep(other, "default")).get("/reps/{id}", repId).then().statusCode(404)
                .body("detail", equalTo(unknown.replace("nobody-" + repId, repId)));
        as(Tokens.teamLead("lead-x", "north-" + repId)).body("{\"status\":\"available\"}")
                .put("/reps/{id}/presence", repId).then().statusCode(200);
        as(Tokens.teamLead("lead-x", "north-" + repId)).get("/reps").then().statusCode(200)
                .body("id", contains(repId)).body("id", not(hasItem(other)));
        as(Tokens.teamLead("lead-x", "north-" + repId)).body("{\"status\":\"available\"}")
                .put("/reps/{id}/presence", other).then().statusCode(404);
    }

    @Test
    void aHeartbeatIsTheRepsOwn() {
        Tokens.saveRep(repId, "{\"name\":\"Alex\"}");
        as(Tokens.rep(repId, "default")).post("/reps/{id}/heartbeat", repId).then().statusCode(200)
                .body("lastHeartbeatAt", not(equalTo(null)));
    }

    @Test
    void refusesAnUnknownStrategy() {
        as(operator()).body("{\"name\":\"South\",\"strategy\":\"coin_toss\"}").put("/teams/{id}", "south")
                .then().statusCode(422).body("errors[0].field", equalTo("strategy"));
    }
}
