package io.warmline.intake.service;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.warmline.intake.config.TestClock;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas' rate limiters, this service's and a second one with a connection pool of its own on the same
 * database (as another replica has), allow a vendor its limit together, not each.
 */
@QuarkusTest
class SharedRateLimitTest {

    @Inject
    VendorRateLimits thisReplica;

    @Inject
    VendorRegistry registry;

    @Inject
    TestClock clock;

    @Inject
    Config config;

    Vertx vertx;
    io.vertx.sqlclient.Pool otherPool;
    VendorRateLimits otherReplica;

    @BeforeEach
    void secondReplica() {
        vertx = Vertx.vertx();
        PgConnectOptions options = PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url",
                        String.class).replaceFirst("^vertx-reactive:", ""))
                .setUser(config.getValue("quarkus.datasource.username", String.class))
                .setPassword(config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
        otherPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options).using(vertx).build();
        otherReplica = new VendorRateLimits(Pool.newInstance(otherPool));
    }

    @AfterEach
    void stop() {
        otherPool.close();
        vertx.close();
    }

    @Test
    void twoReplicasShareOneVendorsLimit() {
        VendorCredentials vendor = vendor(3);
        Instant now = clock.instant();
        assertEquals(Duration.ZERO, take(thisReplica, vendor, now));
        assertEquals(Duration.ZERO, take(otherReplica, vendor, now));
        assertEquals(Duration.ZERO, take(thisReplica, vendor, now));
        assertEquals(Duration.ofSeconds(20), take(otherReplica, vendor, now), "3 a minute: one more in 20 s");
        assertEquals(Duration.ofSeconds(20), take(thisReplica, vendor, now));

        Instant later = now.plusSeconds(20);
        assertEquals(Duration.ZERO, take(otherReplica, vendor, later));
        assertTrue(take(thisReplica, vendor, later).compareTo(Duration.ZERO) > 0, "that token is spent");
    }

    @Test
    void requestsAtOnceOnBothReplicasGetExactlyTheLimit() {
        VendorCredentials vendor = vendor(10);
        Instant now = clock.instant();
        List<Uni<Duration>> all = IntStream.range(0, 24)
                .mapToObj(i -> (i % 2 == 0 ? thisReplica : otherReplica).take(vendor, now)).toList();
        List<Duration> waits = Uni.join().all(all).andFailFast().await().atMost(Duration.ofSeconds(30));
        assertEquals(10, waits.stream().filter(Duration::isZero).count());
    }

    private VendorCredentials vendor(int perMinute) {
        String id = "rate-" + UUID.randomUUID().toString().substring(0, 8);
        registry.register(id, "Acme", "GB", perMinute, clock.instant()).await().atMost(Duration.ofSeconds(30))
                .orElseThrow();
        return registry.credentials(id).await().atMost(Duration.ofSeconds(30)).orElseThrow();
    }

    private static Duration take(VendorRateLimits limits, VendorCredentials vendor, Instant now) {
        return limits.take(vendor, now).await().atMost(Duration.ofSeconds(30));
    }
}
