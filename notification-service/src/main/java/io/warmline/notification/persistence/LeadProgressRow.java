package io.warmline.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The stored {@code domain/LeadProgress} of one lead; locked by every event of the lead before it is applied. */
@Entity
@Table(name = "lead_progress")
public class LeadProgressRow {

    @Id
    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "assignment_number", nullable = false)
    public int assignmentNumber;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "followed_up_at")
    public Instant followedUpAt;

    @Column(name = "closed_at")
    public Instant closedAt;
}
