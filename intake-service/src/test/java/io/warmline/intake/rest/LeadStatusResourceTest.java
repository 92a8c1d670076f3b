package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.intake.config.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** A vendor reads the status of its own leads, and of no other vendor's. */
@QuarkusTest
class LeadStatusResourceTest {

    @Inject
    TestClock clock;

    @Inject
    Pool database;

    TestVendor vendor;
    String leadId;

    @BeforeEach
    void postALead() {
        vendor = TestVendor.register(clock);
        leadId = vendor.post(Leads.lead("L-status", clock.instant())).statusCode(202).extract().path("leadId");
    }

    @Test
    void aVendorReadsItsOwnLeadAsReceived() {
        vendor.status(leadId).statusCode(200)
                .body("leadId", equalTo(leadId)).body("vendorLeadId", equalTo("L-status"))
                .body("status", equalTo("received")).body("linked", equalTo(false))
                .body("milestones.milestone", contains("received"))
                .body("milestones[0].at", equalTo(clock.instant().toString()));
    }

    @Test
    void anotherVendorCannotReadIt() {
        TestVendor other = TestVendor.register(clock);
        LeadRefusalsTest.refused(other.status(leadId), 404, "not-found");
        LeadRefusalsTest.refused(vendor.status(UUID.randomUUID().toString()), 404, "not-found");
        LeadRefusalsTest.refused(vendor.status("not-a-lead-id"), 404, "not-found");
    }

    @Test
    void readingNeedsTheVendorsSignature() {
        LeadRefusalsTest.refused(given().get("/vendors/{v}/leads/{l}", vendor.id, leadId).then(), 401,
                "missing-signature");
        TestVendor impostor = vendor.signingWith("whsec_" + "B".repeat(43) + "=");
        LeadRefusalsTest.refused(impostor.status(leadId), 401, "invalid-signature");
    }

    @Test
    void laterMilestonesReportedByOtherServicesShowInTheStatus() {
        // Rows as the consumers of routing's events write them (LeadProgressConsumersTest sends the events).
        UUID assigned = UUID.randomUUID();
        milestone("assigned", null, assigned, 60);
        milestone("closed", "proposal", UUID.randomUUID(), 3600);
        milestone("followed_up", "connected", UUID.randomUUID(), 600);
        vendor.status(leadId).statusCode(200)
                .body("status", equalTo("closed")).body("outcome", equalTo("proposal"))
                .body("milestones.milestone", contains("received", "assigned", "followed_up", "closed"));
    }

    private void milestone(String milestone, String outcome, UUID eventId, long secondsAfter) {
        database.preparedQuery("""
                        INSERT INTO lead_milestone (lead_id, milestone, occurred_at, outcome, event_id)
                        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING""")
                .execute(Tuple.of(UUID.fromString(leadId), milestone,
                        OffsetDateTime.ofInstant(clock.instant().plusSeconds(secondsAfter), ZoneOffset.UTC),
                        outcome, eventId))
                .await().indefinitely();
    }
}
