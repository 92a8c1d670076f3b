package io.warmline.platform.messaging;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.probe.ProbeTopics;
import io.warmline.platform.probe.ProbeWorld;
import io.warmline.platform.testing.JwtKeys;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event that can never be published (its topic does not exist) ahead of ordinary events: the others are
 * published, it is parked with its error after a few attempts, and an operator re-queues it once the topic exists.
 */
@QuarkusTest
class ParkedEventTest {

    @Inject
    Pool database;

    @Test
    void aRowForAMissingTopicIsParkedWithoutHoldingBackTheOthersAndRequeuedByAnOperator() {
        UUID stuck = UUID.randomUUID();
        List<UUID> others = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        try (ProbeWorld world = new ProbeWorld(database)) {
            ConsumerTask<String, String> published = world.watch(ProbeTopics.ORDERED);
            long stuckId = commit(ProbeTopics.MISSING, stuck, 0);
            others.forEach(lead -> commit(ProbeTopics.ORDERED, lead, 0));

            await().atMost(Duration.ofSeconds(30)).until(() -> others.stream()
                    .allMatch(lead -> ProbeWorld.seqs(published, lead).equals(List.of(0))));
            await().atMost(Duration.ofSeconds(30)).until(() -> parkedAt(stuckId) != null);
            Row parked = row(stuckId);
            assertTrue(parked.getInteger("attempts") >= 3, "parked after 3 attempts or more over 2 s");
            assertNotNull(parked.getString("last_error"));

            given().auth().oauth2(operator()).get("/operations/outbox/parked").then().statusCode(200)
                    .body("id", hasItem((int) stuckId))
                    .body("find { it.id == " + stuckId + " }.lastError", containsString("does not exist"));
            given().auth().oauth2(rep()).post("/operations/outbox/parked/requeue").then().statusCode(403)
                    .contentType("application/problem+json");
            given().post("/operations/outbox/parked/requeue").then().statusCode(401)
                    .contentType("application/problem+json");

            ProbeTopics.create(ProbeTopics.MISSING);
            ConsumerTask<String, String> fixed = world.watch(ProbeTopics.MISSING);
            given().auth().oauth2(operator()).post("/operations/outbox/parked/requeue").then().statusCode(200)
                    .body("requeued", equalTo(1));
            // The audit log says who re-queued what, newest first; operators only.
            given().auth().oauth2(operator()).get("/operations/audit").then().statusCode(200)
                    .body("[0].action", equalTo("outbox.requeued")).body("[0].actor", equalTo("ops-1"))
                    .body("[0].roles", equalTo("operator")).body("[0].detail.requeued", equalTo(1));
            given().auth().oauth2(rep()).get("/operations/audit").then().statusCode(403)
                    .contentType("application/problem+json");
            await().atMost(Duration.ofSeconds(30)).until(() -> ProbeWorld.seqs(fixed, stuck).equals(List.of(0)));
            await().atMost(Duration.ofSeconds(10)).until(() -> database.preparedQuery(
                    "SELECT count(*) FROM outbox_event WHERE id = $1").execute(Tuple.of(stuckId)).await()
                    .indefinitely().iterator().next().getLong(0) == 0);
            given().auth().oauth2(operator()).get("/operations/outbox/parked").then().statusCode(200)
                    .body("id", org.hamcrest.Matchers.not(hasItem((int) stuckId)));
            published.stop();
            fixed.stop();
        }
    }

    private Object parkedAt(long id) {
        return row(id).getValue("parked_at");
    }

    private Row row(long id) {
        return database.preparedQuery("SELECT attempts, last_error, parked_at FROM outbox_event WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
    }

    private long commit(String topic, UUID lead, int seq) {
        return database.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO outbox_event (event_id, event_type, schema_version, topic, lead_id, record_key,
                                                  occurred_at, payload)
                        VALUES (gen_random_uuid(), 'ProbeHappened', 1, $1, $2, $3, now(), $4) RETURNING id""")
                .execute(Tuple.of(topic, lead, lead.toString(), ProbeWorld.probe(UUID.randomUUID(), lead, seq))))
                .await().indefinitely().iterator().next().getLong("id");
    }

    static String operator() {
        return JwtKeys.claims().subject("ops-1").groups("operator").sign();
    }

    static String rep() {
        return JwtKeys.claims().subject("alex").groups("rep").sign();
    }
}
