package io.warmline.routing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.platform.testing.EventSchema;
import io.warmline.routing.messaging.Routed;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.warmline.routing.rest.Tokens.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rep's follow-up API on the real broker and database: outcomes, next steps, cadence, who may log. */
@QuarkusTest
class FollowUpApiTest {

    static ConsumerTask<String, String> followUps;
    static ConsumerTask<String, String> closed;
    static Routed routed;

    @Inject
    Pool database;

    final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final String team = "t-" + suffix;
    final String alex = "alex-" + suffix;
    final String sam = "sam-" + suffix;
    UUID leadId;

    @BeforeEach
    void aLeadAssignedToAlex() {
        if (routed == null) {
            routed = new Routed(database);
            followUps = routed.watch("warmline.follow-up-logged");
            closed = routed.watch("warmline.lead-closed");
        }
        routed.onlyNewRepsInPlay();
        as(Tokens.operator()).body("{\"name\":\"Team " + suffix + "\"}").put("/teams/{id}", team).then()
                .statusCode(201);
        Tokens.saveRep(alex, "{\"name\":\"Alex\",\"capacity\":2,\"teamId\":\"" + team
                + "\",\"timeZone\":\"Europe/London\"}");
        Tokens.saveRep(sam, "{\"name\":\"Sam\",\"capacity\":2,\"teamId\":\"default\"}");
        Tokens.presence(alex, team, "available");
        leadId = routed.scoredLead("London");
        assertEquals(alex, routed.awaitHolder(leadId));
    }

    @AfterAll
    static void stop() {
        followUps.stop();
        closed.stop();
        routed.kafka.close();
    }

    private io.restassured.response.ValidatableResponse log(String token, String body) {
        return as(token).body(body).post("/leads/{id}/follow-ups", leadId).then();
    }

    private String alexToken() {
        return Tokens.rep(alex, team);
    }

    @Test
    void aConnectedCallWithADatedNextStepIsLoggedAndPublished() {
        Instant due = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        as(alexToken()).post("/leads/{id}/acknowledgement", leadId).then().statusCode(200)
                .body("acknowledgedAt", notNullValue());
        log(alexToken(), "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"site_visit\",\"dueAt\":\"" + due
                + "\"},\"notes\":\"roof faces south\"}")
                .statusCode(201).body("followUp.attempt", equalTo(1)).body("followUp.nextStep.type",
                        equalTo("site_visit")).body("leadStatus", equalTo("assigned"));

        ConsumerRecord<String, String> event = Routed.awaitOne(followUps, leadId);
        EventSchema.of("routing-service", "follow-up-logged.v1.json").assertValid(event.value());
        assertThat(event.value(), "\"first\":true", "\"outcome\":\"connected\"", "\"dueAt\":\"" + due + "\"",
                "\"repId\":\"" + alex + "\"");
        // Connected: the lead stays Alex's but no longer holds one of her uncalled slots.
        as(Tokens.operator()).get("/reps/{id}", alex).then().body("openLeads", equalTo(0));
        as(alexToken()).get("/leads/{id}/timeline", leadId).then().statusCode(200)
                .body("kind", hasItems("received", "scored", "assigned", "acknowledged", "attempt"));
    }

    @Test
    void anUnansweredCallToALeadWithAnOpenCallWindowIsTriedAgainInsideTheWindowTheNextDay() {
        // The window opened ten minutes ago (the lead goes to Alex at once) and is an hour long, in New York.
        Instant from = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        leadId = routed.scoredLeadWithWindow("London", from, from.plus(1, ChronoUnit.HOURS), "America/New_York");
        assertEquals(alex, routed.awaitHolder(leadId));

        Instant next = new io.warmline.routing.domain.CallWindow(from, from.plus(1, ChronoUnit.HOURS),
                java.time.ZoneId.of("America/New_York")).nextAttempt(Instant.now());
        log(alexToken(), "{\"outcome\":\"no_answer\"}").statusCode(201)
                .body("followUp.nextStep.type", equalTo("next_attempt"))
                .body("followUp.nextStep.dueAt", equalTo(next.toString()));
    }

    @Test
    void aConnectedCallWithoutANextStepIsRefusedAndNothingIsLogged() {
        log(alexToken(), "{\"outcome\":\"connected\"}").statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:invalid-follow-up"))
                .body("errors.field", contains("nextStep.type"))
                .body("errors[0].reason", containsString("a connected call must end with a next step"));
        log(alexToken(), "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"proposal\"}}").statusCode(422)
                .body("errors.field", contains("nextStep.dueAt"));
        as(alexToken()).get("/leads/{id}/follow-ups", leadId).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anObjectionNeedsADatedFollowUp() {
        log(alexToken(), "{\"outcome\":\"connected\",\"objection\":\"think_about_it\",\"nextStep\":{\"type\":"
                + "\"not_interested\"}}").statusCode(422).body("errors.field", contains("nextStep.type"));
        Instant due = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        log(alexToken(), "{\"outcome\":\"connected\",\"objection\":\"send_information\",\"nextStep\":{\"type\":"
                + "\"follow_up_call\",\"dueAt\":\"" + due + "\"}}").statusCode(201)
                .body("followUp.objection", equalTo("send_information"));
    }

    @Test
    void signedClosesTheLead() {
        log(alexToken(), "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"signed\"}}").statusCode(201)
                .body("leadStatus", equalTo("closed")).body("closedReason", equalTo("signed"));
        ConsumerRecord<String, String> event = Routed.awaitOne(closed, leadId);
        EventSchema.of("routing-service", "lead-closed.v1.json").assertValid(event.value());
        assertThat(event.value(), "\"reason\":\"signed\"", "\"repId\":\"" + alex + "\"");
        log(alexToken(), "{\"outcome\":\"no_answer\"}").statusCode(409)
                .body("type", equalTo("urn:warmline:problem:lead-not-held"));
    }

    @Test
    void unansweredCallsProposeTheNextAttemptThenAFinalEmailAndCloseAsUnreachable() {
        log(alexToken(), "{\"outcome\":\"no_answer\"}").statusCode(201)
                .body("followUp.nextStep.type", equalTo("next_attempt"))
                .body("followUp.nextStep.dueAt", notNullValue());
        log(alexToken(), "{\"outcome\":\"voicemail\"}").statusCode(201)
                .body("followUp.attempt", equalTo(2)).body("followUp.nextStep.type", equalTo("next_attempt"));
        log(alexToken(), "{\"outcome\":\"no_answer\"}").statusCode(201)
                .body("followUp.attempt", equalTo(3)).body("followUp.nextStep.type", equalTo("final_email"))
                .body("leadStatus", equalTo("closed")).body("closedReason", equalTo("unreachable"));
        List<String> attempts = routed.rows("SELECT next_step FROM follow_up WHERE lead_id = $1 ORDER BY attempt",
                leadId).stream().map(row -> row.getString(0)).toList();
        assertEquals(List.of("next_attempt", "next_attempt", "final_email"), attempts);
        assertThat(Routed.awaitOne(closed, leadId).value(), "\"reason\":\"unreachable\"");
        as(Tokens.operator()).get("/reps/{id}", alex).then().body("openLeads", equalTo(0));
    }

    @Test
    void aWrongNumberClosesTheLead() {
        log(alexToken(), "{\"outcome\":\"wrong_number\"}").statusCode(201)
                .body("closedReason", equalTo("wrong_number"));
    }

    @Test
    void anotherRepCanNeitherReadNorLogOnAlexsLeadAndNothingChanges() {
        // Another rep's or team's lead answers as an unknown one does: 404, never confirming that it exists.
        String samToken = Tokens.rep(sam, "default");
        String unknown = as(samToken).get("/leads/{id}", java.util.UUID.randomUUID()).then().statusCode(404)
                .extract().path("type");
        log(samToken, "{\"outcome\":\"connected\",\"nextStep\":{\"type\":\"signed\"}}").statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(unknown))
                .body("type", equalTo("urn:warmline:problem:unknown-lead"));
        as(samToken).get("/leads/{id}", leadId).then().statusCode(404);
        as(samToken).get("/leads/{id}/follow-ups", leadId).then().statusCode(404);
        as(samToken).get("/leads/{id}/timeline", leadId).then().statusCode(404);
        as(samToken).post("/leads/{id}/decline", leadId).then().statusCode(404);
        as(Tokens.teamLead("boss", "default")).get("/leads/{id}", leadId).then().statusCode(404);

        assertEquals(0, routed.rows("SELECT 1 FROM follow_up WHERE lead_id = $1", leadId).size());
        assertEquals(alex, routed.holder(leadId));
        as(Tokens.teamLead("boss", team)).get("/leads/{id}", leadId).then().statusCode(200)
                .body("status", equalTo("assigned")).body("assignments[0].repId", equalTo(alex))
                .body("assignments[0].reason", containsString("least loaded"));
        as(Tokens.operator()).get("/leads/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void declinedLeadsGoToAnotherEligibleRep() {
        Tokens.presence(sam, "default", "available");
        as(alexToken()).post("/leads/{id}/decline", leadId).then().statusCode(204);
        assertEquals(sam, routed.awaitHolder(leadId));
        as(Tokens.operator()).get("/leads/{id}", leadId).then().body("assignments[0].status", equalTo("declined"))
                .body("assignments[1].previousRepId", equalTo(alex));
    }

    static void assertThat(String value, String... parts) {
        for (String part : parts) {
            org.hamcrest.MatcherAssert.assertThat(value, containsString(part));
        }
    }
}
