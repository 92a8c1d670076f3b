package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.intake.config.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kafka down: intake keeps accepting leads, which wait in the outbox; Kafka back: each is published, once.
 * The broker is really unreachable (nothing listens on its port) and really comes back.
 */
@QuarkusTest
@TestProfile(OutageBroker.class)
class KafkaOutageTest {

    static final int LEADS = 5;

    @Inject
    TestClock clock;

    @Inject
    Pool database;

    @BeforeAll
    static void brokerIsDown() {
        OutageBroker.wipe();
    }

    @AfterAll
    static void removeBroker() {
        OutageBroker.wipe();
    }

    @Test
    void acceptsLeadsWhileKafkaIsDownAndPublishesEachOnceWhenItIsBack() {
        TestVendor vendor = TestVendor.register(clock);
        List<String> leadIds = IntStream.range(0, LEADS)
                .mapToObj(i -> vendor.post(Leads.lead("L-outage-" + i, clock.instant()))
                        .statusCode(202).extract().<String>path("leadId"))
                .toList();
        for (String leadId : leadIds) {
            assertEquals(1, outboxRows(leadId), "the event waits in the outbox");
        }

        OutageBroker.start();
        try (IntakeRecords records = new IntakeRecords(database, OutageBroker.BOOTSTRAP_SERVERS)) {
            records.assertPublishedOnce(leadIds.toArray(String[]::new));
            for (String leadId : leadIds) {
                assertEquals(0, outboxRows(leadId), "a published event leaves the outbox");
            }
        }
    }

    private long outboxRows(String leadId) {
        return database.preparedQuery("SELECT count(*) FROM outbox_event WHERE lead_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(leadId))).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
