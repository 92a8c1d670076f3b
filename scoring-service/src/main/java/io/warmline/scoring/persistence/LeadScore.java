package io.warmline.scoring.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One score given to a lead; a lead re-scored over time has several. */
@Entity
@Table(name = "lead_score")
public class LeadScore {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(nullable = false)
    public int score;

    @Column(nullable = false)
    public String tier;

    @Column(name = "model_version", nullable = false)
    public int modelVersion;

    /** The factors as JSON. */
    @Column(nullable = false)
    public String factors;

    @Column(name = "respond_by")
    public Instant respondBy;

    @Column(name = "scored_at", nullable = false)
    public Instant scoredAt;

    /** received, decay or new-signal. */
    @Column(nullable = false)
    public String trigger;

    /** The lead id of the event that caused this score; null for a decay re-score. */
    @Column(name = "source_lead_id")
    public UUID sourceLeadId;
}
