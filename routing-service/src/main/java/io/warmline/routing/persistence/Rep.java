package io.warmline.routing.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A sales rep: how many leads they can hold at once, how many they hold, and whether they are there. */
@Entity
@Table(name = "rep")
public class Rep {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int capacity;

    @Column(nullable = false)
    public String presence;

    @Column(name = "open_leads", nullable = false)
    public int openLeads;

    @Column(name = "last_assigned_at")
    public Instant lastAssignedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
