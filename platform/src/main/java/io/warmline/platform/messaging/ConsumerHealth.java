package io.warmline.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which incoming channels are holding an event back while a transient fault lasts (their partitions wait, nothing
 * is dead-lettered): readiness ({@link ConsumersReady}) says so, and so does the gauge {@code warmline_consumer_waiting{channel}}.
 */
@ApplicationScoped
public class ConsumerHealth {

    private record Waiting(Instant since, String cause) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;

    ConsumerHealth(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    void waiting(String channel, Throwable cause) {
        gauge(channel);
        waiting.putIfAbsent(channel, new Waiting(clock.instant(), cause.getClass().getSimpleName()));
    }

    void resumed(String channel) {
        gauge(channel);
        waiting.remove(channel);
    }

    /** The channel's gauge from now on, at 0 until it waits ({@link ChannelMeters} calls it at start). */
    void track(String channel) {
        gauge(channel);
    }

    public boolean isWaiting(String channel) {
        return waiting.containsKey(channel);
    }

    private void gauge(String channel) {
        gauges.computeIfAbsent(channel, name -> {
            Gauge.builder("warmline.consumer.waiting", waiting, map -> map.containsKey(name) ? 1 : 0)
                    .description("1 while the channel holds an event back because of a transient fault (its "
                            + "partitions wait; nothing is dead-lettered)")
                    .tag("channel", name).register(meters);
            return true;
        });
    }

    /** The readiness check's answer: up while no channel waits. */
    HealthCheckResponse readiness() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event consumers").status(waiting.isEmpty());
        waiting.forEach((channel, wait) ->
                response.withData(channel, "waiting since " + wait.since() + " on a transient fault (" + wait.cause()
                        + "); retrying with backoff"));
        return response.build();
    }
}
