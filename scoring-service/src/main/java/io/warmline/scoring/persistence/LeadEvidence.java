package io.warmline.scoring.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** What one applied LeadReceived told us about a lead's intent; a lead's score is computed from all of its rows. */
@Entity
@Table(name = "lead_evidence")
public class LeadEvidence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The lead this counts for: the event's own lead, or the earlier lead it was linked to. */
    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    /** The lead id the event arrived with. */
    @Column(name = "source_lead_id", nullable = false)
    public UUID sourceLeadId;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    /** JSON array of {type, occurredAt}. */
    @Column(nullable = false)
    public String signals;

    public String notes;

    @Column(name = "arrived_at", nullable = false)
    public Instant arrivedAt;
}
