package io.warmline.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The lead's current assignment: whose timers are pending and what the deadline event reports. */
@Entity
@Table(name = "lead_assignment")
public class CurrentAssignment {

    @Id
    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "assignment_number", nullable = false)
    public int assignmentNumber;

    @Column(name = "rep_id", nullable = false)
    public String repId;

    @Column(name = "team_id")
    public String teamId;

    public String tier;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "respond_by")
    public Instant respondBy;

    @Column(name = "policy_version", nullable = false)
    public int policyVersion;

    /** The alert the rep got, whose content every reminder repeats. */
    @Column(name = "alert_id", nullable = false)
    public long alertId;
}
