package io.warmline.platform.probe;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.warmline.platform.messaging.EventReader;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.EventHandlers;
import io.warmline.platform.messaging.Outbox;
import io.warmline.platform.messaging.PoisonEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A consumer as a service writes one, on the platform: applies each probe once (the reader's inbox), records it and
 * announces it through the outbox in the same transaction. Leads in {@link #refused} are refused as impossible by
 * the rules, which is how a test makes a dead letter and then "fixes the bug".
 */
@ApplicationScoped
public class ProbeConsumer {

    public static final String TYPE = "ProbeHappened";

    /** A probe's data: its place in its lead's sequence. */
    public record Probe(int seq) {
    }

    private final Set<UUID> refused = ConcurrentHashMap.newKeySet();

    private final EventReader reader;
    private final EventHandlers handlers = EventHandlers.aboutLeads().on(TYPE, Probe.class, this::apply);
    private final Outbox outbox;
    private final Mutiny.SessionFactory sessions;
    private final Clock clock;

    ProbeConsumer(EventReader reader, Outbox outbox, Mutiny.SessionFactory sessions, Clock clock) {
        this.reader = reader;
        this.outbox = outbox;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** What the probe channel does with its events (a test hands a batch of its own to the reader with them). */
    public EventHandlers handlers() {
        return handlers;
    }

    /** From now on the lead's probes are poison, as if a bug refused them. */
    public void refuse(UUID leadId) {
        refused.add(leadId);
    }

    /** The bug is fixed. */
    public void accept(UUID leadId) {
        refused.remove(leadId);
    }

    @Incoming("probe")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return reader.apply("probe", batch, handlers);
    }

    private Uni<Void> apply(EventEnvelope event, Probe probe) {
        if (refused.contains(event.leadId())) {
            throw new PoisonEvent("lead " + event.leadId() + " is refused by the test", null);
        }
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "INSERT INTO probe_applied (event_id, lead_id, seq) VALUES (:event, :lead, :seq)")
                .setParameter("event", event.eventId())
                .setParameter("lead", event.leadId())
                .setParameter("seq", probe.seq())
                .executeUpdate()
                .chain(() -> outbox.add(session, ProbeTopics.ECHO, "ProbeEchoed", 1, event.leadId(),
                        clock.instant(), probe))
                .replaceWithVoid());
    }
}
