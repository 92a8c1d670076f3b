package io.warmline.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A durable timer: one step, repeat, deadline or callback of one assignment of a lead. */
@Entity
@Table(name = "escalation_timer")
public class ScheduledTimer {

    public static final String PENDING = "pending";
    public static final String FIRED = "fired";
    public static final String CANCELLED = "cancelled";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "assignment_number", nullable = false)
    public int assignmentNumber;

    @Column(name = "rep_id", nullable = false)
    public String repId;

    /** {@link io.warmline.notification.domain.TimerKind} name. */
    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public int step;

    /** {@link io.warmline.notification.domain.EscalationTarget} wire name; null for the deadline. */
    public String target;

    @Column(nullable = false)
    public String message;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(nullable = false)
    public String state;

    @Column(name = "fired_at")
    public Instant firedAt;

    /** The replica that fired it, so a test (and an operator) can see that each timer fired once, and where. */
    @Column(name = "fired_by")
    public String firedBy;
}
