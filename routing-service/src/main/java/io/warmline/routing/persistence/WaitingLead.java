package io.warmline.routing.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A scored lead that no eligible rep could take yet. */
@Entity
@Table(name = "waiting_lead")
public class WaitingLead {

    @Id
    @Column(name = "lead_id")
    public UUID leadId;

    @Column(nullable = false)
    public int score;

    @Column(nullable = false)
    public String tier;

    @Column(name = "respond_by")
    public Instant respondBy;

    /** The lead's details as carried by {@code LeadScored}, JSON. */
    @Column(nullable = false)
    public String lead;

    @Column(name = "queued_at", nullable = false)
    public Instant queuedAt;
}
