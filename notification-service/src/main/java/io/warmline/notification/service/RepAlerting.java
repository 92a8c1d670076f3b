package io.warmline.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.Alert;
import io.warmline.notification.messaging.EventEnvelope;
import io.warmline.notification.messaging.Inbox;
import io.warmline.notification.messaging.LeadAssigned;
import io.warmline.notification.messaging.PoisonEvent;
import io.warmline.notification.persistence.StoredAlert;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** Alerts the assigned rep, once per {@code LeadAssigned} event however often it is delivered. */
@ApplicationScoped
public class RepAlerting {

    private final Mutiny.SessionFactory sessions;
    private final Inbox inbox;
    private final LiveAlerts live;
    private final ObjectMapper json;
    private final Clock clock;

    RepAlerting(Mutiny.SessionFactory sessions, Inbox inbox, LiveAlerts live, ObjectMapper json, Clock clock) {
        this.sessions = sessions;
        this.inbox = inbox;
        this.live = live;
        this.json = json;
        this.clock = clock;
    }

    /** True when the rep was alerted now, false when this event had been applied before. */
    public Uni<Boolean> alert(EventEnvelope assigned, LeadAssigned lead) {
        String unusable = lead.unusableBecause();
        if (unusable != null) {
            throw new PoisonEvent("LeadAssigned " + assigned.eventId() + " " + unusable, null);
        }
        Instant now = clock.instant();
        return sessions.withTransaction(session -> inbox.firstDelivery(session, assigned.eventId(), now)
                        .chain(first -> first ? store(session, assigned, lead, now) : Uni.createFrom().<Alert>nullItem()))
                // Pushed only after the commit: a stream never shows an alert that a rollback then erases.
                .onItem().ifNotNull().invoke(live::publish)
                .map(Objects::nonNull);
    }

    private Uni<Alert> store(Mutiny.Session session, EventEnvelope assigned, LeadAssigned lead, Instant now) {
        return session.createNativeQuery(StoredAlert.NEXT_ID, Long.class).getSingleResult().chain(id -> {
            Alert alert = lead.toAlert(id, assigned.leadId());
            StoredAlert row = new StoredAlert();
            row.id = id;
            row.leadId = assigned.leadId();
            row.repId = lead.repId();
            row.createdAt = now;
            row.payload = write(alert);
            return session.persist(row).replaceWith(alert);
        });
    }

    private String write(Alert alert) {
        try {
            return json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + alert.alertId() + " cannot be written as JSON", e);
        }
    }
}
