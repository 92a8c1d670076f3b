package io.warmline.notification.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.warmline.notification.config.EscalationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs {@link TimerFiring} in a loop on every replica: every poll interval, at once again after a pass that fired
 * anything (more may have come due while it ran, as in a burst), and exactly at the next due time when that is
 * sooner than the next poll. It starts at startup, so a timer that came due while the service was down fires then.
 * After each commit that fired timers it starts the delivery dispatcher (the outbox publishes by itself).
 */
@ApplicationScoped
public class TimerPoller {

    private static final Logger LOG = Logger.getLogger(TimerPoller.class);

    private final Instance<TimerFiring> firing;
    private final DeliveryDispatcher dispatcher;
    private final EscalationConfig config;
    private final Clock clock;
    private final SerialPasses passes = new SerialPasses("timer", this::pass);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean counting = new AtomicBoolean();
    private volatile Vertx vertx;
    private long[] periodic = new long[0];

    TimerPoller(Instance<TimerFiring> firing, DeliveryDispatcher dispatcher,
                EscalationConfig config, Clock clock, MeterRegistry registry) {
        this.firing = firing;
        this.dispatcher = dispatcher;
        this.config = config;
        this.clock = clock;
        Gauge.builder("warmline.timers.pending", pending, AtomicLong::get)
                .description("Timers scheduled and not yet fired or cancelled (refreshed every 30 s by default)")
                .register(registry);
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        this.vertx = vertx;
        passes.start(vertx);
        periodic = new long[]{
                vertx.setPeriodic(config.timers().pollInterval().toMillis(), tick -> pollSoon()),
                vertx.setPeriodic(config.timers().gaugeRefresh().toMillis(), tick -> refreshGauge(vertx))};
    }

    /** A count over every pending timer: never two at once, however long one takes with a million pending. */
    private void refreshGauge(Vertx vertx) {
        if (counting.compareAndSet(false, true)) {
            SerialPasses.onSafeContext(vertx, () -> firing.get().pending()
                    .eventually(() -> counting.set(false))
                    .subscribe().with(pending::set, failure -> LOG.debugf("pending-timers gauge: %s", failure)));
        }
    }

    /** No new pass once shutdown begins: the database pool is closing. */
    void stop(@Observes ShutdownEvent stopping) {
        passes.stop();
        Vertx running = vertx;
        vertx = null;
        if (running != null) {
            for (long id : periodic) {
                running.cancelTimer(id);
            }
        }
    }

    /** Makes sure a pass runs at {@code dueAt} (or at once when it is past), sooner than the next poll. */
    public void wakeAt(Instant dueAt) {
        Vertx running = vertx;
        if (running == null) {
            return;
        }
        Duration until = Duration.between(clock.instant(), dueAt);
        if (until.isNegative() || until.isZero()) {
            running.runOnContext(ignored -> pollSoon());
        } else if (until.compareTo(config.timers().pollInterval()) < 0) {
            // Rounded up: a pass a fraction of a millisecond early finds nothing due and would only spin.
            running.setTimer(Math.max(1, (until.toNanos() + 999_999) / 1_000_000), tick -> pollSoon());
        }
    }

    /** Asks for a pass; passes do not overlap here, and a request during one runs another. */
    public void pollSoon() {
        passes.request();
    }

    /**
     * True when the pass claimed anything: more may be due by now, so the next pass follows at once. Only a pass that
     * found nothing due looks up the next due time, to sleep until then.
     */
    private Uni<Boolean> pass() {
        return firing.get().fireDue(config.timers().batchSize())
                .onItem().invoke(fired -> {
                    if (!fired.isEmpty()) {
                        dispatcher.dispatchSoon();
                    }
                })
                .chain(fired -> !fired.isEmpty() ? Uni.createFrom().item(true)
                        : firing.get().nextDue().invoke(this::wakeAtNext).replaceWith(false));
    }

    private void wakeAtNext(Instant next) {
        // A past due time here is a timer another replica holds right now: not a reason to spin.
        if (next != null && next.isAfter(clock.instant())) {
            wakeAt(next);
        }
    }
}
