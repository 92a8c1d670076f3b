package io.warmline.intake.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.warmline.platform.messaging.CommitNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ids of every registered vendor, held by each replica, so a request naming an id nobody registered is refused
 * without a query however many made-up ids arrive. Loaded at start and again at every (re)connection of the listener
 * (a registration committed while it was away is not notified to it); in between, each registration's NOTIFY
 * (trigger vendor_registered) adds its id. Vendors are never deleted, so the set only grows and a reload never
 * undoes a notification. Until the first load has answered, {@link #certainlyUnknown} says no and the caller asks
 * the database.
 */
@ApplicationScoped
public class KnownVendors {

    private static final Logger LOG = Logger.getLogger(KnownVendors.class);

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean loaded = new AtomicBoolean();
    private final Pool database;

    KnownVendors(Pool database) {
        this.database = database;
    }

    void start(@Observes StartupEvent started, CommitNotifications notifications) {
        notifications.listen("vendor", ids::add, () -> reload().subscribe().with(count -> {
        }, failure -> LOG.warnf("cannot load the known vendor ids yet: %s", failure.toString())));
        // The first requests after a start are answered from memory too, when the database answers in time.
        try {
            reload().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException notYet) {
            LOG.warnf("known vendor ids not loaded at start (%s): unknown ids are looked up until they are",
                    notYet.toString());
        }
    }

    /** True only when the id is surely not registered: no query needed to refuse it. */
    public boolean certainlyUnknown(String vendorId) {
        return loaded.get() && !ids.contains(vendorId);
    }

    /** A registration committed by this replica, known here at once (the NOTIFY follows). */
    void registered(String vendorId) {
        ids.add(vendorId);
    }

    private Uni<Integer> reload() {
        return database.query("SELECT id FROM vendor").execute().map(rows -> {
            rows.forEach(row -> ids.add(row.getString("id")));
            loaded.set(true);
            return rows.size();
        });
    }
}
