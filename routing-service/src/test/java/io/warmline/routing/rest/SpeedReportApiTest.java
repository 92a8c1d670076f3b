package io.warmline.routing.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.routing.messaging.Routed;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.warmline.routing.rest.Tokens.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The speed-to-lead report from the lead's events on the real broker, some delivered twice and some out of order:
 * four leads of one vendor received on one day, in two teams.
 */
@QuarkusTest
class SpeedReportApiTest {

    static Routed routed;

    @Inject
    Pool database;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String vendor = "v-" + suffix;
    private final String north = "north-" + suffix;
    private final String south = "south-" + suffix;
    // A day of its own for each run, so the period holds only this test's leads.
    private final Instant day = Instant.parse("2025-01-01T00:00:00Z")
            .plus(ThreadLocalRandom.current().nextInt(300), ChronoUnit.DAYS);
    private final Instant received = day.plus(Duration.ofHours(10));

    @BeforeEach
    void broker() {
        if (routed == null) {
            routed = new Routed(database);
        }
    }

    @AfterAll
    static void stop() {
        if (routed != null) {
            routed.kafka.close();
        }
    }

    private void fourLeads() {
        UUID connected = UUID.randomUUID();
        send("warmline.lead-assigned", connected, assigned(connected, 1, "ann-" + suffix, north, "hot"));
        String call = followUp(connected, "ann-" + suffix, received.plus(Duration.ofMinutes(5)), "connected", true);
        send("warmline.follow-up-logged", connected, call);
        send("warmline.follow-up-logged", connected, call);

        // Lapsed with its first rep (the lapse delivered twice), called late by the second, then closed.
        UUID late = UUID.randomUUID();
        send("warmline.lead-assigned", late, assigned(late, 1, "ann-" + suffix, north, "warm"));
        String lapse = lapse(late, "ann-" + suffix, 1);
        send("warmline.deadline-lapsed", late, lapse);
        send("warmline.deadline-lapsed", late, lapse);
        send("warmline.lead-assigned", late, assigned(late, 2, "bob-" + suffix, north, "warm"));
        send("warmline.follow-up-logged", late,
                followUp(late, "bob-" + suffix, received.plus(Duration.ofMinutes(80)), "no_answer", false));
        send("warmline.lead-closed", late, closed(late, "disqualified"));

        // Its call arrives before its assignment.
        UUID early = UUID.randomUUID();
        send("warmline.follow-up-logged", early,
                followUp(early, "cy-" + suffix, received.plus(Duration.ofMinutes(30)), "voicemail", false));
        send("warmline.lead-assigned", early, assigned(early, 1, "cy-" + suffix, south, "hot"));

        UUID breached = UUID.randomUUID();
        send("warmline.lead-closed", breached, closed(breached, "breached"));
        send("warmline.deadline-lapsed", breached, lapse(breached, "cy-" + suffix, 1));
        send("warmline.lead-assigned", breached, assigned(breached, 1, "cy-" + suffix, south, "cold"));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonPath vendorLine = report(Tokens.operator(), "by=vendor").jsonPath();
            return vendorLine.getList("$").size() == 1 && vendorLine.getInt("[0].leads") == 4
                    && vendorLine.getInt("[0].called") == 3 && vendorLine.getInt("[0].lapses") == 2
                    && vendorLine.getMap("[0].closures").size() == 2;
        });
    }

    @Test
    void byTeamOperatorsSeeSharesTimesToFirstCallAndOutcomes() {
        fourLeads();
        JsonPath teams = report(Tokens.operator(), "by=team").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(north, south), teams.getList("key"));
        assertEquals(2, teams.getInt("[0].leads"));
        assertEquals(2, teams.getInt("[0].called"));
        assertEquals(1, teams.getInt("[0].calledWithinDeadline"), "the late call missed the lead's first deadline");
        assertEquals(0.5f, teams.getFloat("[0].shareWithinDeadline"));
        assertEquals(2550.0, teams.getDouble("[0].firstCallP50Seconds"), 0.001, "between 5 and 80 minutes");
        assertEquals(4350.0, teams.getDouble("[0].firstCallP90Seconds"), 0.001);
        assertEquals(1, teams.getInt("[0].connects"));
        assertEquals(1, teams.getInt("[0].nextSteps"));
        assertEquals(1, teams.getInt("[0].lapses"), "a lapse delivered twice counts once");
        assertEquals(Map.of("disqualified", 1), teams.getMap("[0].closures"));

        assertEquals(2, teams.getInt("[1].leads"));
        assertEquals(1, teams.getInt("[1].called"));
        assertEquals(1, teams.getInt("[1].calledWithinDeadline"), "a call logged before its assignment arrived");
        assertEquals(1800.0, teams.getDouble("[1].firstCallP50Seconds"), 0.001);
        assertEquals(0, teams.getInt("[1].connects"));
        assertEquals(1, teams.getInt("[1].lapses"));
        assertEquals(Map.of("breached", 1), teams.getMap("[1].closures"));

        JsonPath tiers = report(Tokens.operator(), "by=tier").jsonPath();
        assertEquals(List.of("cold", "hot", "warm"), tiers.getList("key"), "each lead's tier from its first assignment");
    }

    @Test
    void aTeamLeadSeesOnlyTheirTeamAndRepsAreRefused() {
        fourLeads();
        JsonPath own = report(Tokens.teamLead("lead-" + suffix, south), "by=vendor").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, own.getList("$").size());
        assertEquals(2, own.getInt("[0].leads"), "only the south's two leads of the vendor");
        assertEquals(List.of(south), report(Tokens.teamLead("lead-" + suffix, south), "by=team").jsonPath()
                .getList("key"));
        report(Tokens.rep("cy-" + suffix, south), "by=team").then().statusCode(403);
    }

    @Test
    void pagesInKeyOrderFollowingTheLinkHeader() {
        fourLeads();
        Response first = report(Tokens.operator(), "by=rep&limit=2");
        assertEquals(List.of("ann-" + suffix, "bob-" + suffix), first.jsonPath().getList("key"),
                "the late lead counts for the rep of its latest assignment");
        String link = first.header("Link");
        assertTrue(link != null && link.contains("rel=\"next\""), "a next page: " + link);
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        // Followed as a client would: the link verbatim, already encoded.
        Response second = as(Tokens.operator()).urlEncodingEnabled(false).get(next);
        second.then().statusCode(200);
        assertEquals(List.of("cy-" + suffix), second.jsonPath().getList("key"));
        assertEquals(2, second.jsonPath().getInt("[0].leads"));
        assertNull(second.header("Link"), "the last page");
    }

    @Test
    void refusesWhatItCannotAnswerSayingWhichParameter() {
        as(Tokens.operator()).get("/reports/speed-to-lead?by=planet&from=yesterday")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("by")).body("errors.field", hasItem("from"));
        as(Tokens.operator()).get("/reports/speed-to-lead?limit=0").then().statusCode(400)
                .body("type", equalTo("urn:warmline:problem:invalid-limit"));
        as(Tokens.operator()).get("/reports/speed-to-lead?cursor=***").then().statusCode(400)
                .body("type", equalTo("urn:warmline:problem:invalid-cursor"));
        as(Tokens.operator()).get("/reports/speed-to-lead?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(Tokens.operator()).get("/reports/speed-to-lead?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                .then().statusCode(400).body("errors[0].reason", containsString("92 days"));
    }

    private Response report(String token, String query) {
        return as(token).get("/reports/speed-to-lead?from=" + day + "&to=" + day.plus(Duration.ofDays(1)) + "&"
                + query);
    }

    private void send(String topic, UUID lead, String event) {
        routed.send(topic, lead.toString(), event);
    }

    private String envelope(String type, UUID lead, String data) {
        return """
                {"eventId":"%s","eventType":"%s","schemaVersion":1,"occurredAt":"%s","leadId":"%s","data":%s}"""
                .formatted(UUID.randomUUID(), type, received, lead, data);
    }

    private String assigned(UUID lead, int number, String rep, String team, String tier) {
        Instant at = received.plus(Duration.ofMinutes(number == 1 ? 0 : 61));
        return envelope("LeadAssigned", lead, """
                {"repId":"%s","assignedAt":"%s","respondBy":"%s","tier":"%s","score":80,"reason":"available",
                 "lead":{"vendorId":"%s","receivedAt":"%s","contact":{"name":"Pat"},
                         "signal":{"type":"demo_request","occurredAt":"%s"}},
                 "assignmentNumber":%d,"previousRepId":null,"teamId":"%s","strategy":"round_robin","candidates":[]}"""
                .formatted(rep, at, at.plus(Duration.ofHours(1)), tier, vendor, received, received, number, team));
    }

    private String followUp(UUID lead, String rep, Instant at, String outcome, boolean nextStep) {
        return envelope("FollowUpLogged", lead, """
                {"repId":"%s","attempt":1,"outcome":"%s","objection":null,"nextStep":%s,"loggedAt":"%s",
                 "receivedAt":"%s","respondBy":"%s","first":true}"""
                .formatted(rep, outcome, nextStep ? "{\"type\":\"proposal\",\"dueAt\":\"" + at.plus(Duration.ofDays(1))
                        + "\"}" : "null", at, received, received.plus(Duration.ofHours(1))));
    }

    private String lapse(UUID lead, String rep, int number) {
        return envelope("DeadlineLapsed", lead, """
                {"repId":"%s","assignmentNumber":%d,"assignedAt":"%s","respondBy":"%s","lapsedAt":"%s","tier":"warm"}"""
                .formatted(rep, number, received, received.plus(Duration.ofHours(1)),
                        received.plus(Duration.ofHours(1))));
    }

    private String closed(UUID lead, String reason) {
        return envelope("LeadClosed", lead, """
                {"repId":null,"reason":"%s","closedAt":"%s"}""".formatted(reason, received.plus(Duration.ofHours(2))));
    }
}
