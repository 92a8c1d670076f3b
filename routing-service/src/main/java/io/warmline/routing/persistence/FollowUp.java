package io.warmline.routing.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One logged call attempt on a lead and the next step it set. */
@Entity
@Table(name = "follow_up")
public class FollowUp {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "rep_id", nullable = false)
    public String repId;

    @Column(name = "assignment_id", nullable = false)
    public Long assignmentId;

    @Column(nullable = false)
    public int attempt;

    @Column(nullable = false)
    public String outcome;

    public String objection;

    @Column(name = "next_step", nullable = false)
    public String nextStep;

    @Column(name = "due_at")
    public Instant dueAt;

    public String notes;

    @Column(name = "logged_at", nullable = false)
    public Instant loggedAt;

    @Column(name = "logged_by", nullable = false)
    public String loggedBy;
}
