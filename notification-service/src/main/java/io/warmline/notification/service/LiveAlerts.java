package io.warmline.notification.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warmline.notification.domain.Alert;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open alert streams of this instance, by rep. A listener buffers from the moment it opens, so a stream can
 * listen first and replay stored alerts second without missing an alert committed in between. A rep's entry goes
 * away with its last listener, so disconnected clients leave nothing behind.
 * <p>
 * Only this instance's streams are reached: with several replicas, a rep connected to another one gets the alert
 * on reconnect (replay), not live. Fanning out across replicas is a later step.
 */
@ApplicationScoped
public class LiveAlerts {

    private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();

    /** Starts buffering this rep's alerts. The caller must {@link Listener#close()} it when its stream ends. */
    public Listener listen(String repId) {
        Listener listener = new Listener(repId);
        listeners.compute(repId, (rep, open) -> {
            Set<Listener> set = open == null ? ConcurrentHashMap.newKeySet() : open;
            set.add(listener);
            return set;
        });
        return listener;
    }

    /** Pushes a committed alert to every open stream of its rep here; nobody listening is fine (it is stored). */
    public void publish(Alert alert) {
        Set<Listener> open = listeners.get(alert.repId());
        if (open != null) {
            open.forEach(listener -> listener.buffer.onNext(alert));
        }
    }

    /** Whether this rep has an open stream here; false once the last one closed (nothing kept for them). */
    public boolean isListening(String repId) {
        return listeners.containsKey(repId);
    }

    /** One open stream's share of the live alerts. */
    public final class Listener implements AutoCloseable {

        private final String repId;
        // Unbounded until subscribed (the replay runs meanwhile), then drained; onNext is synchronized inside.
        private final UnicastProcessor<Alert> buffer = UnicastProcessor.create();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Listener(String repId) {
            this.repId = repId;
        }

        public Multi<Alert> alerts() {
            return buffer;
        }

        /** Stops listening and drops what was buffered; safe to call more than once. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                // Removing the rep's set under compute keeps a concurrent listen() from adding to a discarded set.
                listeners.computeIfPresent(repId, (rep, open) -> {
                    open.remove(this);
                    return open.isEmpty() ? null : open;
                });
                buffer.onComplete();
            }
        }
    }
}
