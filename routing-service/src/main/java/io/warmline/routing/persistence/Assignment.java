package io.warmline.routing.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A lead given to a rep, and why that rep (strategy, rule, every rep considered). {@code OPEN} holds one of the
 * rep's capacity until the first connected call or the end; {@code WORKING}: connected, the rep keeps the lead.
 */
@Entity
@Table(name = "assignment")
public class Assignment {

    public static final String OPEN = "open";
    public static final String WORKING = "working";
    public static final String CLOSED = "closed";
    public static final String LAPSED = "lapsed";
    public static final String DECLINED = "declined";
    public static final String WITHDRAWN = "withdrawn";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "rep_id", nullable = false)
    public String repId;

    @Column(name = "assignment_number", nullable = false)
    public int assignmentNumber;

    @Column(name = "previous_rep_id")
    public String previousRepId;

    @Column(name = "team_id")
    public String teamId;

    public String strategy;

    /** The rep ids that were eligible, comma-separated. */
    public String candidates;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "respond_by")
    public Instant respondBy;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String status;

    @Column(name = "released_at")
    public Instant releasedAt;

    /** When it stopped holding one of the rep's capacity: read with the rep locked, so it orders with assignedAt. */
    @Column(name = "slot_freed_at")
    public Instant slotFreedAt;

    @Column(name = "first_follow_up_at")
    public Instant firstFollowUpAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    public boolean current() {
        return OPEN.equals(status) || WORKING.equals(status);
    }
}
