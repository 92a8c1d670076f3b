package io.warmline.scoring.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.warmline.scoring.messaging.Broker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.warmline.scoring.messaging.Fixtures.leadReceived;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** An operator reads a lead's score history with its factors. */
@QuarkusTest
class LeadScoresResourceTest {

    final Broker broker = Broker.shared();

    @Test
    void aScoredLeadsHistoryShowsEachScoreWithItsFactorsModelAndTrigger() {
        UUID leadId = UUID.randomUUID();
        broker.send(Broker.LEAD_RECEIVED, leadId, leadReceived(UUID.randomUUID(), leadId, "demo_request",
                Instant.now().minus(Duration.ofHours(1)), "budget approved, wants it live next month", null));
        broker.awaitScored(leadId);

        Operators.operator().get("/leads/{id}/scores", leadId).then().statusCode(200)
                .body("leadId", equalTo(leadId.toString()))
                .body("linkedTo", nullValue())
                .body("scores", hasSize(1))
                .body("scores[0].trigger", equalTo("received"))
                .body("scores[0].sourceLeadId", equalTo(leadId.toString()))
                .body("scores[0].modelVersion", notNullValue())
                .body("scores[0].respondBy", notNullValue())
                .body("scores[0].factors.name", equalTo(java.util.List.of("signal:demo_request", "qualifying-notes",
                        "stated-timeline")))
                .body("scores[0].factors[0].reason", containsString("requested a demo 1 hour ago"));
    }

    @Test
    void anUnknownLeadIsNotFound() {
        Operators.operator().get("/leads/{id}/scores", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:warmline:problem:lead-not-found"));
        Operators.operator().get("/leads/{id}/scores", "not-a-uuid").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
