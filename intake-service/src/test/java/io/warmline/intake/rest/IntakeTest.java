package io.warmline.intake.rest;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.intake.config.TestClock;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the service tests share: the service's {@link TestClock}, and {@link IntakeRecords} watching the database
 * and the broker the configuration names, from before the class's first test to after its last.
 */
abstract class IntakeTest {

    static IntakeRecords records;

    @Inject
    TestClock clock;

    @BeforeAll
    static void watchTheRecords() {
        records = new IntakeRecords(Arc.container().instance(Pool.class).get(),
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void stopWatching() {
        records.close();
    }
}
