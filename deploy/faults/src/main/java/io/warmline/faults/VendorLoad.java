package io.warmline.faults;

import io.warmline.driver.Contacts;
import io.warmline.driver.Vendor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vendors posting signed leads at a steady open-loop rate, as real webhook clients do: a 5xx, a 429 or no answer
 * within the timeout is retried with the same webhook id (after Retry-After when given, else capped backoff), and a
 * share of accepted leads is delivered a second time with the same webhook id (a client that missed the answer).
 * Every delivery and its answer goes to the log the ledger reads. With several intake instances, deliveries are
 * spread over them in turn as a load balancer would, skipping for a few seconds one that refused a connection
 * (a passive health check).
 */
final class VendorLoad implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ATTEMPTS = 60;
    private static final double DUPLICATE_SHARE = 0.05;
    /** How long the load balancer passes over an instance that refused a connection. */
    private static final long REFUSED_PAUSE_MILLIS = 5_000;

    private final List<Vendor> vendors;
    private final String run;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService pool = new ScheduledThreadPoolExecutor(96, r -> {
        Thread t = new Thread(r, "vendor-client");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Delivery> log = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicLong turn = new AtomicLong();
    private final Map<String, AtomicInteger> perIntake = new ConcurrentHashMap<>();
    private final Map<String, Long> refusedUntil = new ConcurrentHashMap<>();
    private volatile List<String> intakes;
    private volatile long last2xxMillis;
    private volatile Thread generator;

    VendorLoad(List<Vendor> vendors, String run, String intake) {
        this.vendors = vendors;
        this.run = run;
        this.intakes = List.of(intake);
    }

    /** From now on, deliveries go to these intake instances in turn (the load balancer's members). */
    void spreadOver(List<String> intakeUrls) {
        intakes = List.copyOf(intakeUrls);
    }

    /** Deliveries sent to each intake instance so far, by base URL. */
    Map<String, Integer> deliveriesPerIntake() {
        Map<String, Integer> counts = new TreeMap<>();
        perIntake.forEach((url, n) -> counts.put(url, n.get()));
        return counts;
    }

    /** The next member in turn, passing over one that refused a connection in the last few seconds. */
    private String nextIntake() {
        List<String> members = intakes;
        long now = System.currentTimeMillis();
        for (int tried = 0; tried < members.size(); tried++) {
            String url = members.get((int) (turn.getAndIncrement() % members.size()));
            if (refusedUntil.getOrDefault(url, 0L) <= now) {
                return url;
            }
        }
        return members.get((int) (turn.getAndIncrement() % members.size()));
    }

    /** Starts sending {@code perSecond} new leads a second until {@link #stop()}; each due at start + i / rate. */
    void start(int perSecond) {
        generator = new Thread(() -> {
            long period = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
                long wait = start + i * period - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                newLead();
            }
        }, "open-loop");
        generator.setDaemon(true);
        generator.start();
    }

    /** Stops new leads; retries and duplicates of leads already sent go on until they settle. */
    void stop() throws InterruptedException {
        generator.interrupt();
        generator.join();
    }

    /** Waits until no delivery is pending (retries included), at most {@code limit}; answers whether it settled. */
    boolean settle(Duration limit) throws InterruptedException {
        long deadline = System.currentTimeMillis() + limit.toMillis();
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        return inFlight.get() == 0;
    }

    long last2xxMillis() {
        return last2xxMillis;
    }

    int gaveUp() {
        return gaveUp.get();
    }

    List<Delivery> deliveries() {
        return new ArrayList<>(log);
    }

    private void newLead() {
        long seq = sequence.getAndIncrement();
        Vendor vendor = vendors.get((int) (seq % vendors.size()));
        String vendorLeadId = run + "-" + seq;
        String body = "{\"vendorLeadId\":\"" + vendorLeadId + "\",\"name\":\"Sam Taylor\",\"phone\":\""
                + Contacts.ukMobile() + "\",\"email\":\"" + Contacts.email() + "\",\"interest\":\"solar panels\","
                + "\"notes\":\"faults " + vendorLeadId + "\",\"consent\":{\"granted\":true},"
                + "\"signal\":{\"type\":\"callback_agreed\",\"occurredAt\":\"" + Instant.now().minusSeconds(300) + "\"}}";
        inFlight.incrementAndGet();
        pool.execute(() -> deliver(vendor, vendorLeadId, "msg-" + vendorLeadId, body, 1, false));
    }

    private void deliver(Vendor vendor, String vendorLeadId, String webhookId, String body, int attempt,
                         boolean duplicate) {
        long sentAt = System.currentTimeMillis();
        Delivery delivery;
        long retryIn = -1;
        String intake = nextIntake();
        perIntake.computeIfAbsent(intake, url -> new AtomicInteger()).incrementAndGet();
        try {
            Vendor.Answer answer = vendor.via(intake).deliver(http, webhookId, body, TIMEOUT);
            String leadId = answer.status() < 300 ? leadId(answer.body()) : null;
            delivery = new Delivery(vendorLeadId, webhookId, attempt, duplicate, sentAt, answer.status(),
                    answer.retryAfter().isPresent(), leadId, null);
            if (answer.status() == 429 || answer.status() >= 500) {
                retryIn = answer.retryAfter().map(VendorLoad::seconds).map(s -> Math.min(s, 10) * 1000L)
                        .orElse(backoff(attempt));
            }
        } catch (IOException e) {
            if (e instanceof ConnectException) {
                refusedUntil.put(intake, System.currentTimeMillis() + REFUSED_PAUSE_MILLIS);
            }
            delivery = new Delivery(vendorLeadId, webhookId, attempt, duplicate, sentAt, 0, false, null,
                    e.getClass().getSimpleName());
            retryIn = backoff(attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            delivery = new Delivery(vendorLeadId, webhookId, attempt, duplicate, sentAt, 0, false, null,
                    e.getClass().getSimpleName());
            retryIn = backoff(attempt);
        }
        log.add(delivery);
        if (delivery.accepted()) {
            last2xxMillis = System.currentTimeMillis();
        }
        if (retryIn >= 0 && attempt < MAX_ATTEMPTS) {
            pool.schedule(() -> deliver(vendor, vendorLeadId, webhookId, body, attempt + 1, duplicate), retryIn,
                    TimeUnit.MILLISECONDS);
            return;
        }
        if (retryIn >= 0) {
            gaveUp.incrementAndGet();
        } else if (delivery.accepted() && !duplicate && ThreadLocalRandom.current().nextDouble() < DUPLICATE_SHARE) {
            pool.schedule(() -> deliver(vendor, vendorLeadId, webhookId, body, 1, true), 500, TimeUnit.MILLISECONDS);
            return;
        }
        inFlight.decrementAndGet();
    }

    private static long backoff(int attempt) {
        return Math.min(8_000L, 500L << Math.min(attempt - 1, 4));
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String leadId(String body) {
        int at = body.indexOf("\"leadId\"");
        if (at < 0) {
            return null;
        }
        int open = body.indexOf('"', body.indexOf(':', at) + 1);
        return body.substring(open + 1, body.indexOf('"', open + 1));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
