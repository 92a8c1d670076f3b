package io.warmline.notification.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.warmline.notification.testing.TestInfrastructure;
import io.warmline.notification.testing.Tokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.notification.domain.Alert;
import io.warmline.platform.testing.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The REST contract of a rep's alerts; alerts are stored directly, the Kafka path has its own test. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class RepAlertsResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    Pool database;

    @TestHTTPResource("/")
    URI baseUri;

    @Inject
    ObjectMapper json;

    @Test
    void aRepWithoutAlertsGetsAnEmptyList() {
        given().auth().oauth2(Tokens.operator()).get("/reps/{rep}/alerts", newRep())
                .then().statusCode(200)
                .contentType("application/json")
                .body("$", hasSize(0));
    }

    @Test
    void theFirstPageIsTheFiftyNewestAlertsNewestFirst() {
        String rep = newRep();
        List<Long> stored = LongStream.range(0, 55).mapToObj(n -> store(rep, "interest " + n)).toList();

        var answer = given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep);
        List<Long> listed = answer.then().statusCode(200)
                .body("$", hasSize(50))
                .body("[0].interest", equalTo("interest 54"))
                .body("[0].repId", equalTo(rep))
                .body("[0].respondBy", nullValue())
                .header("Link", containsString("rel=\"next\""))
                .extract().jsonPath().getList("alertId", Long.class);
        List<Long> newestFirst = new ArrayList<>(stored);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst.subList(0, 50), listed);
    }

    @Test
    void pagedWithTheLinkEveryAlertOnceNewestFirstWhileNewOnesArrive() {
        String rep = newRep();
        List<Long> newestFirst = new ArrayList<>(LongStream.range(0, 23).mapToObj(n -> store(rep, "lead " + n))
                .toList());
        Collections.reverse(newestFirst);
        List<Long> walked = Pages.walk(() -> given().auth().oauth2(Tokens.rep(rep)),
                        "/reps/" + rep + "/alerts?limit=5", page -> store(rep, "arrived while paging " + page))
                .stream().map(row -> ((Number) row.get("alertId")).longValue()).toList();
        // New alerts are newer than every page's cursor: the next first page shows them, no page repeats a row.
        assertEquals(newestFirst, walked);
    }

    @Test
    void badPagingParametersAreProblemDetails() {
        String rep = newRep();
        for (String limit : List.of("0", "-2", "501", "all")) {
            given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts?limit=" + limit, rep).then()
                    .statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:warmline:problem:invalid-limit"));
        }
        for (String cursor : List.of("x", "eyJhIjoxfQ.AAAAAAAAAAA")) {
            given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts?cursor=" + cursor, rep).then()
                    .statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:warmline:problem:invalid-cursor"));
        }
    }

    @Test
    void anotherRepsAlertsAreNotListed() {
        String rep = newRep();
        store(newRep(), "someone else's lead");
        store(rep, "solar panels");

        given().auth().oauth2(Tokens.rep(rep)).get("/reps/{rep}/alerts", rep)
                .then().statusCode(200)
                .body("interest", contains("solar panels"));
    }

    @Test
    void anUnknownPathAnswersProblemDetails() {
        given().auth().oauth2(Tokens.operator()).get("/reps/{rep}/alarms", newRep())
                .then().statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:warmline:problem:not-found"))
                .body("status", equalTo(404))
                .body("detail", startsWith("no resource at /reps/"));
    }

    @Test
    void aWrongMethodAnswersProblemDetails() {
        given().auth().oauth2(Tokens.operator()).delete("/reps/{rep}/alerts", newRep())
                .then().statusCode(405)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:warmline:problem:method-not-allowed"));
    }

    @Test
    void anOverlongRepIdIsRefused() {
        given().auth().oauth2(Tokens.operator()).get("/reps/{rep}/alerts", "r".repeat(101))
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:warmline:problem:invalid-rep-id"))
                .body("detail", containsString("at most 100 characters"));
    }

    @Test
    void aLastEventIdThatIsNoAlertIdIsRefused() {
        given().auth().oauth2(Tokens.operator()).header("Accept", "text/event-stream")
                .header("Last-Event-ID", "yesterday")
                .get("/reps/{rep}/alerts/stream", newRep())
                .then().statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:warmline:problem:invalid-last-event-id"))
                .body("detail", containsString("omit it"));
    }

    @Test
    void aLastEventIdBeyondTheRepsStreamReplaysTheWindowRatherThanStayingSilent() {
        String rep = newRep();
        store(rep, "solar panels");
        // An alert id from before stream positions: far beyond this rep's position 1.
        try (AlertStreamClient stream = AlertStreamClient.open(baseUri, rep, "987654")) {
            await().atMost(Duration.ofSeconds(30)).until(stream::caughtUp);
            assertEquals(List.of(1L), stream.replayed().stream().map(AlertStreamClient.Event::position).toList());
            store(rep, "heat pumps");
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.live().size() == 1);
            assertEquals(2L, stream.live().get(0).position(), "the next alert arrives live");
        }
    }

    @Test
    void theStreamEndsWhenItsTokenExpires() {
        String rep = newRep();
        store(rep, "solar panels");
        // Long enough to open the stream on a busy machine; the end is awaited, not timed.
        Instant expiry = Instant.now().plusSeconds(4);
        try (AlertStreamClient stream = AlertStreamClient.open(baseUri, rep, null, Tokens.rep(rep, expiry))) {
            await().atMost(Duration.ofSeconds(30)).until(stream::caughtUp);
            assertEquals(1, stream.alerts().size());
            await().atMost(Duration.ofSeconds(30)).until(stream::ended);
        }
    }

    @Test
    void aStreamIsNotOpenedForATokenPastItsExpiry() {
        // Expired a moment ago: still within the verifier's clock skew, so only the stream's own check refuses it.
        String token = Tokens.rep("rep-late", Instant.now().minusSeconds(5));
        given().auth().oauth2(token).header("Accept", "text/event-stream")
                .get("/reps/{rep}/alerts/stream", "rep-late")
                .then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:warmline:problem:token-expired"))
                .body("detail", containsString("fresh one"));
    }

    /** Stores an alert as the consumer would (id from the table's sequence, inside the payload too). */
    private long store(String rep, String interest) {
        long id = database.query("SELECT nextval('notification.alert_id_seq')").execute().await().indefinitely()
                .iterator().next().getLong(0);
        UUID leadId = UUID.randomUUID();
        Alert alert = new Alert(id, leadId, rep, "Sam Taylor", "+447700900123", "tel:+447700900123",
                "sam@example.com", interest, "notes", new Alert.Signal("referral", Instant.now()), "cold", 20, null,
                "Hi Sam", "alert", null, null);
        try {
            database.preparedQuery("WITH next AS (INSERT INTO notification.rep_stream (rep_id, last_position) "
                            + "VALUES ($3, 1) ON CONFLICT (rep_id) DO UPDATE SET last_position = "
                            + "notification.rep_stream.last_position + 1 RETURNING last_position) "
                            + "INSERT INTO notification.alert (id, lead_id, rep_id, stream_position, created_at, payload) "
                            + "SELECT $1, $2, $3, last_position, $4, $5 FROM next")
                    .execute(Tuple.of(id, leadId, rep, OffsetDateTime.now(ZoneOffset.UTC), json.writeValueAsString(alert)))
                    .await().indefinitely();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static String newRep() {
        return "rep-test-" + UUID.randomUUID();
    }
}
