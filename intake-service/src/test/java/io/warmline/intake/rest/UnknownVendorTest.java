package io.warmline.intake.rest;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Made-up vendor ids cost no query: every replica holds the registered ids (KnownVendors), learns a registration
 * made elsewhere from its NOTIFY, and refuses any other id from memory. The queries are counted by PostgreSQL
 * itself (pg_stat_statements, preloaded by deploy/local/infra.sh), not by the code under test.
 */
@QuarkusTest
class UnknownVendorTest extends IntakeTest {

    @Test
    void madeUpVendorIdsAreRefusedWithoutAQuery() throws SQLException {
        TestVendor known = TestVendor.register(clock);
        long before = vendorQueries();
        for (int i = 0; i < 30; i++) {
            LeadRefusalsTest.refused(given().contentType("application/json").body(Leads.lead("L-1", clock.instant()))
                    .post("/vendors/{v}/leads", "made-up-" + UUID.randomUUID()).then(), 401, "unknown-vendor");
        }
        given().get("/vendors/{v}/leads/{lead}", "made-up-" + UUID.randomUUID(), "L-1").then().statusCode(401);
        assertEquals(before, vendorQueries(), "no query of the vendor table for an unknown id");
        // The count is live: a registered vendor's first request loads its credentials.
        known.post(Leads.lead("L-known", clock.instant())).statusCode(202);
        assertTrue(vendorQueries() > before, "a known vendor's credentials are read from the vendor table");
    }

    @Test
    void aVendorRegisteredByAnotherReplicaIsKnownFromItsNotification() {
        TestVendor model = TestVendor.register(clock);
        String elsewhere = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
        // As another replica's registration commits it: a row of its own, this replica's cache untouched.
        Arc.container().instance(Pool.class).get().preparedQuery("INSERT INTO vendor (id, name, default_region, sealed_secret, enabled, "
                        + "created_at) SELECT $1, name, default_region, sealed_secret, enabled, created_at FROM vendor "
                        + "WHERE id = $2").execute(Tuple.of(elsewhere, model.id)).await().indefinitely();
        await().atMost(Duration.ofSeconds(30)).until(() -> !"urn:warmline:problem:unknown-vendor".equals(
                given().contentType("application/json").body(Leads.lead("L-1", clock.instant()))
                        .post("/vendors/{v}/leads", elsewhere).then().extract().path("type")));
        // Known now: an unsigned request is refused for its missing signature.
        LeadRefusalsTest.refused(given().contentType("application/json").body(Leads.lead("L-1", clock.instant()))
                .post("/vendors/{v}/leads", elsewhere).then(), 401, "missing-signature");
    }

    /** Calls of every statement that reads the vendor table, as PostgreSQL counted them. */
    private static long vendorQueries() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        // The stack's superuser (loopback trust): creating the extension's view needs it.
        try (Connection connection = DriverManager.getConnection(url, "postgres", null);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            try (ResultSet rows = statement.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements "
                    + "WHERE query ~* 'from\\s+(intake\\.)?vendor\\M' AND query !~* 'pg_stat_statements'")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
