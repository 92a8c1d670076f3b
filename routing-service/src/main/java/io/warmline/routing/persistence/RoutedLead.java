package io.warmline.routing.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmline.routing.domain.LeadToRoute;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import java.time.Instant;
import java.util.UUID;

/**
 * A lead routing has taken on: its latest score, the details to hand to a rep (kept so a reassignment can alert
 * the next rep), and where it stands: waiting, assigned or closed, with its counts of assignments, lapses and
 * call attempts.
 */
@Entity
@Table(name = "routed_lead")
public class RoutedLead {

    public static final String WAITING = "waiting";
    public static final String ASSIGNED = "assigned";
    public static final String CLOSED = "closed";

    @Id
    @Column(name = "lead_id")
    public UUID leadId;

    @Column(nullable = false)
    public int score;

    @Column(nullable = false)
    public String tier;

    @Column(name = "respond_by")
    public Instant respondBy;

    @Column(name = "received_at")
    public Instant receivedAt;

    public String region;

    public String product;

    /** The lead's details as carried by {@code LeadScored}, JSON. */
    @Column(nullable = false)
    public String lead;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int assignments;

    @Column(nullable = false)
    public int lapses;

    @Column(name = "follow_ups", nullable = false)
    public int followUps;

    @Column(name = "unanswered_in_a_row", nullable = false)
    public int unansweredInARow;

    @Column(name = "closed_reason")
    public String closedReason;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** {@link #lead} as read or as written here, so it is parsed at most once per transaction. */
    @Transient
    private JsonNode details;

    public void details(JsonNode details) {
        this.details = details;
        this.lead = details.toString();
    }

    public JsonNode details(ObjectMapper json) {
        if (details == null) {
            try {
                details = json.readTree(lead);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a routed lead's details are not JSON", e);
            }
        }
        return details;
    }

    public LeadToRoute toRoute() {
        return new LeadToRoute(leadId, score, tier, region, product);
    }
}
