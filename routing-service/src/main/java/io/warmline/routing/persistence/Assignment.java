package io.warmline.routing.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A lead given to a rep, and why that rep. */
@Entity
@Table(name = "assignment")
public class Assignment {

    public static final String OPEN = "open";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "rep_id", nullable = false)
    public String repId;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "respond_by")
    public Instant respondBy;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String status;
}
