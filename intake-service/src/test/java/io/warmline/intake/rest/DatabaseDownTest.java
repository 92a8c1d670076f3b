package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.warmline.intake.config.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

/** PostgreSQL unreachable: intake answers 503 with Retry-After, never a 500 and never a 202 it cannot keep. */
@QuarkusTest
@TestProfile(DatabaseDown.class)
class DatabaseDownTest {

    @Inject
    TestClock clock;

    @Test
    void aLeadIsRefusedWith503AndRetryAfter() {
        String body = Leads.lead("L-no-db", clock.instant());
        String messageId = TestVendor.newMessageId();
        long now = clock.epochSecond();
        LeadRefusalsTest.refused(given().contentType("application/json").header("webhook-id", messageId)
                        .header("webhook-timestamp", Long.toString(now))
                        .header("webhook-signature", TestVendor.sign("whsec_" + "A".repeat(43) + "=", messageId, now, body))
                        .body(body).post("/vendors/{v}/leads", "acme").then(), 503, "temporarily-unavailable")
                .header("Retry-After", notNullValue());
    }

    @Test
    void theOperatorApiAnswers503Too() {
        LeadRefusalsTest.refused(Operators.operator().get("/vendors").then(), 503, "temporarily-unavailable")
                .header("Retry-After", notNullValue());
        LeadRefusalsTest.refused(Operators.operator().contentType("application/json").body("{\"id\":\"acme\",\"name\":\"Acme\"}")
                .post("/vendors").then(), 503, "temporarily-unavailable");
    }
}
