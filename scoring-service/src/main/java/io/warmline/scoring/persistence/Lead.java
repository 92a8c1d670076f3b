package io.warmline.scoring.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Scoring's view of a lead: its details to pass on, its current score, and whether it still waits for a rep. */
@Entity
@Table(name = "lead")
public class Lead {

    @Id
    @Column(name = "lead_id")
    public UUID leadId;

    /** The lead's own LeadReceived data as JSON; null while only later, linked leads have been seen. */
    public String details;

    @Column(name = "received_at")
    public Instant receivedAt;

    public Integer score;

    public String tier;

    @Column(name = "respond_by")
    public Instant respondBy;

    @Column(name = "model_version")
    public Integer modelVersion;

    @Column(name = "scored_at")
    public Instant scoredAt;

    @Column(name = "checked_at")
    public Instant checkedAt;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    /** When routing last put the lead back in its queue; it waits again when this is after {@link #assignedAt}. */
    @Column(name = "requeued_at")
    public Instant requeuedAt;

    public boolean isReceived() {
        return details != null;
    }
}
