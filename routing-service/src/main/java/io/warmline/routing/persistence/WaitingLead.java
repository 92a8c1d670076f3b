package io.warmline.routing.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A lead in the queue: no eligible rep could take it yet, or its call window has not opened. Served warmest first. */
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

    @Column(name = "queued_at", nullable = false)
    public Instant queuedAt;

    /** The rep a reassigned lead lapsed with or was declined by: never offered to them again. */
    @Column(name = "excluded_rep_id")
    public String excludedRepId;

    /** The start of the lead's call window, while it is ahead: not offered to any rep before then. */
    @Column(name = "not_before")
    public Instant notBefore;
}
