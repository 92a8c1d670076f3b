package io.warmline.notification.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warmline.platform.messaging.CommitNotifications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open alert streams of this instance, by rep, fed by every replica's commits. Each stored alert's commit is
 * NOTIFYed to every replica (rep id and first stream position, V4_17); a replica with streams of that rep open
 * reads the rep's alerts after the last position it pushed and pushes them in position order, which is commit order.
 * So each open stream gets each alert once and in order, whichever replica committed it, the committing one
 * included.
 * <p>
 * A listener buffers from the moment it opens, so a stream can listen first and replay stored alerts second without
 * missing an alert committed in between. A rep's entry goes away with its last listener, so disconnected clients
 * leave nothing behind. After the database connection was lost, every rep with open streams is read again.
 */
@ApplicationScoped
public class LiveAlerts {

    private static final Logger LOG = Logger.getLogger(LiveAlerts.class);
    private static final long UNKNOWN = -1;

    private final Map<String, RepStreams> reps = new ConcurrentHashMap<>();
    private final AlertHistory history;

    LiveAlerts(AlertHistory history) {
        this.history = history;
    }

    void start(@Observes StartupEvent started, CommitNotifications notifications) {
        notifications.listen("alert", this::committed, () -> reps.forEach(this::pull));
    }

    /** Starts buffering this rep's alerts. The caller must {@link Listener#close()} it when its stream ends. */
    public Listener listen(String repId) {
        Listener listener = new Listener(repId);
        reps.compute(repId, (rep, open) -> {
            RepStreams streams = open == null ? new RepStreams() : open;
            streams.listeners.add(listener);
            return streams;
        });
        return listener;
    }

    /** Whether this rep has an open stream here; false once the last one closed (nothing kept for them). */
    public boolean isListening(String repId) {
        return reps.containsKey(repId);
    }

    /** A commit's notification: "repId position", the first position of the rep that the statement stored. */
    void committed(String payload) {
        int space = payload.lastIndexOf(' ');
        String repId = payload.substring(0, space);
        RepStreams streams = reps.get(repId);
        if (streams == null) {
            return;
        }
        synchronized (streams) {
            if (streams.pushed == UNKNOWN) {
                // The first commit since this rep's first stream opened here; what came before is the streams' replay.
                streams.pushed = Long.parseLong(payload.substring(space + 1)) - 1;
            }
        }
        pull(repId, streams);
    }

    /** Reads and pushes what the rep's streams here lack; one read per rep at a time, again if asked meanwhile. */
    private void pull(String repId, RepStreams streams) {
        long after;
        synchronized (streams) {
            if (streams.pushed == UNKNOWN) {
                return;
            }
            if (streams.reading) {
                streams.again = true;
                return;
            }
            streams.reading = true;
            streams.again = false;
            after = streams.pushed;
        }
        history.after(repId, after).subscribe().with(found -> {
            if (pushed(streams, found)) {
                pull(repId, streams);
            }
        }, failure -> {
            LOG.warnf("cannot read the new alerts of a rep's stream (the next commit tries again): %s",
                    failure.toString());
            pushed(streams, List.of());
        });
    }

    /** Pushes what is newer than what was pushed; true when another read was asked for meanwhile. */
    private static boolean pushed(RepStreams streams, List<StreamedAlert> found) {
        synchronized (streams) {
            for (StreamedAlert alert : found) {
                if (alert.position() > streams.pushed) {
                    streams.listeners.forEach(listener -> listener.buffer.onNext(alert));
                    streams.pushed = alert.position();
                }
            }
            streams.reading = false;
            return streams.again;
        }
    }

    /** The streams of one rep open here, and how far this replica has pushed the rep's alerts to them. */
    private static final class RepStreams {
        final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
        long pushed = UNKNOWN;
        boolean reading;
        boolean again;
    }

    /** One open stream's share of the live alerts. */
    public final class Listener implements AutoCloseable {

        private final String repId;
        // Unbounded until subscribed (the replay runs meanwhile), then drained; onNext is synchronized inside.
        private final UnicastProcessor<StreamedAlert> buffer = UnicastProcessor.create();
        private final AtomicBoolean closed = new AtomicBoolean();

        private Listener(String repId) {
            this.repId = repId;
        }

        public Multi<StreamedAlert> alerts() {
            return buffer;
        }

        /** Stops listening and drops what was buffered; safe to call more than once. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                // Removing the rep's entry under compute keeps a concurrent listen() from adding to a discarded one.
                reps.computeIfPresent(repId, (rep, open) -> {
                    open.listeners.remove(this);
                    return open.listeners.isEmpty() ? null : open;
                });
                buffer.onComplete();
            }
        }
    }
}
