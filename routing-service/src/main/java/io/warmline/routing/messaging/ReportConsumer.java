package io.warmline.routing.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.messaging.EventReader;
import io.warmline.routing.service.ReportProjection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the speed-to-lead report's read model from the lead's events (assigned, followed up, closed, lapsed), read
 * from their four topics on one channel by a consumer group of its own, so the report can be rebuilt by replaying
 * them without touching routing's own consumption.
 */
@ApplicationScoped
public class ReportConsumer {

    static final String CHANNEL = "report";

    private final EventReader reader;
    private final ReportProjection projection;
    private final ObjectMapper json;

    ReportConsumer(EventReader reader, ReportProjection projection, ObjectMapper json) {
        this.reader = reader;
        this.projection = projection;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        return switch (eventType(payload)) {
            case FollowUpLogged.TYPE -> reader.apply(CHANNEL, payload, FollowUpLogged.TYPE, FollowUpLogged.class,
                    projection::called);
            case LeadClosed.TYPE -> reader.apply(CHANNEL, payload, LeadClosed.TYPE, LeadClosed.class,
                    projection::closed);
            case DeadlineLapsed.TYPE -> reader.apply(CHANNEL, payload, DeadlineLapsed.TYPE, DeadlineLapsed.class,
                    projection::lapsed);
            // LeadAssigned, and anything unreadable or of another type, which the reader then refuses as poison.
            default -> reader.apply(CHANNEL, payload, LeadAssigned.TYPE, LeadAssigned.class, projection::assigned);
        };
    }

    private String eventType(String payload) {
        try {
            return json.readTree(payload).path("eventType").asText("");
        } catch (JsonProcessingException | IllegalArgumentException unreadable) {
            return "";
        }
    }
}
