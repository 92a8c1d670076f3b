package io.warmline.intake.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A milestone a lead reached, as its vendor may see it; {@code eventId} names the event that reported it. */
@Entity
@Table(name = "lead_milestone")
public class LeadMilestone {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(nullable = false)
    public String milestone;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public String outcome;

    @Column(name = "event_id", unique = true)
    public UUID eventId;
}
