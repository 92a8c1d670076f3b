package io.warmline.notification.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.warmline.notification.testing.TestInfrastructure;
import io.warmline.notification.testing.Tokens;
import io.warmline.platform.testing.JwtKeys;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Who may reach what: refusals are problem details, 401 without a valid token, 403 for a role that may not use the
 * operation, 404 for someone else's (as for an unknown one: it never says who exists).
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class AuthorizationTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String POLICY = """
            {"steps":[{"offset":"PT10M","target":"rep","message":"Call now"}],"deadline":"PT60M"}""";

    @Test
    void withoutATokenTheAlertsAreRefused() {
        given().get("/reps/{rep}/alerts", "rep-a")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:warmline:problem:unauthenticated"));
    }

    @Test
    void aForgedTokenIsRefused() {
        given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXAtYSJ9.c2lnbmF0dXJl").get("/reps/{rep}/alerts", "rep-a")
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void aRepCannotReadAnotherRepsAlerts() {
        given().auth().oauth2(Tokens.rep("rep-a")).get("/reps/{rep}/alerts", "rep-b")
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:warmline:problem:unknown-rep"));
    }

    @Test
    void theRepIsTheTokensSubjectNotItsPrincipalName() {
        // An identity provider may fill upn (which names the principal) with something else than the rep id.
        String token = JwtKeys.claims().subject("rep-a").upn("rep-b").groups("rep").sign();
        given().auth().oauth2(token).get("/reps/{rep}/alerts", "rep-a").then().statusCode(200);
        given().auth().oauth2(token).get("/reps/{rep}/alerts", "rep-b")
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:warmline:problem:unknown-rep"));
    }

    @Test
    void aTeamLeadIsNotAnOperator() {
        given().auth().oauth2(Tokens.teamLead("lead-a")).get("/reps/{rep}/alerts", "rep-b")
                .then().statusCode(404);
    }

    @Test
    void anOperatorReadsAnyRepsAlerts() {
        given().auth().oauth2(Tokens.operator()).get("/reps/{rep}/alerts", "rep-b").then().statusCode(200);
    }

    @Test
    void theStreamTakesTheTokenAsAQueryParameterAndNothingElseDoes() {
        String rep = "rep-" + UUID.randomUUID();
        given().queryParam("access_token", Tokens.rep(rep)).header("Accept", "text/event-stream")
                .header("Last-Event-ID", "not-a-number")
                .get("/reps/{rep}/alerts/stream", rep)
                .then().statusCode(400).body("type", equalTo("urn:warmline:problem:invalid-last-event-id"));
        given().queryParam("access_token", Tokens.rep(rep)).get("/reps/{rep}/alerts", rep)
                .then().statusCode(401);
    }

    @Test
    void onlyOperatorsEditPolicies() {
        given().auth().oauth2(Tokens.rep("rep-a")).contentType("application/json").body(POLICY)
                .put("/escalation-policies/hot/team-auth")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.operator()).contentType("application/json").body(POLICY)
                .put("/escalation-policies/hot/team-auth")
                .then().statusCode(200).body("policy.steps[0].offset", equalTo("PT10M"));
        given().auth().oauth2(Tokens.rep("rep-a")).get("/escalation-policies/hot/team-auth")
                .then().statusCode(404).contentType(PROBLEM_JSON);
    }

    @Test
    void repsAndTeamLeadsReadTheirOwnTeamsPoliciesAndTheDefaultsOnly() {
        String other = "team-other-" + UUID.randomUUID().toString().substring(0, 8);
        for (String team : new String[]{"team-test", other}) {
            given().auth().oauth2(Tokens.operator()).contentType("application/json").body(POLICY)
                    .put("/escalation-policies/cool/{team}", team).then().statusCode(200);
        }
        given().auth().oauth2(Tokens.rep("rep-a")).get("/escalation-policies/cool/team-test")
                .then().statusCode(200).body("teamId", equalTo("team-test"));
        given().auth().oauth2(Tokens.rep("rep-a")).get("/escalation-policies/hot/*").then().statusCode(200);
        // Another team's policy answers as a team without one does.
        String missing = given().auth().oauth2(Tokens.rep("rep-a")).get("/escalation-policies/cool/no-such-team")
                .then().statusCode(404).extract().path("type");
        given().auth().oauth2(Tokens.rep("rep-a")).get("/escalation-policies/cool/{team}", other)
                .then().statusCode(404).contentType(PROBLEM_JSON).body("type", equalTo(missing))
                .body("detail", containsString("'*' policy applies"));
        given().auth().oauth2(Tokens.teamLead("lead-a")).get("/escalation-policies/cool/{team}", other)
                .then().statusCode(404);
        given().auth().oauth2(Tokens.operator()).get("/escalation-policies/cool/{team}", other).then().statusCode(200);
    }

    @Test
    void anInvalidPolicyIsRefusedFieldByField() {
        given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body("{\"steps\":[{\"offset\":\"PT90M\",\"target\":\"boss\",\"message\":\"x\"}],\"deadline\":\"PT60M\"}")
                .put("/escalation-policies/hot/team-bad")
                .then().statusCode(422).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("steps[0].target"))
                .body("errors.field", hasItem("steps[0].offset"));
    }

    @Test
    void eachPublishIsANewVersion() {
        String team = "team-" + UUID.randomUUID();
        int first = given().auth().oauth2(Tokens.operator()).contentType("application/json").body(POLICY)
                .put("/escalation-policies/warm/{team}", team).then().statusCode(200).extract().path("version");
        given().auth().oauth2(Tokens.operator()).contentType("application/json").body(POLICY)
                .put("/escalation-policies/warm/{team}", team).then().statusCode(200).body("version", equalTo(first + 1));
        // Each publish is in the audit log, with the operator who made it.
        given().auth().oauth2(Tokens.operator()).get("/operations/audit").then().statusCode(200)
                .body("findAll { it.subject == 'warm/" + team + "' }.detail.version",
                        org.hamcrest.Matchers.contains(first + 1, first))
                .body("find { it.subject == 'warm/" + team + "' }.action", equalTo("escalation-policy.published"));
    }
}
