package io.warmline.scoring.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One stored version of the warmth model; its definition never changes, only which version is active. */
@Entity
@Table(name = "warmth_model")
public class ModelVersion {

    @Id
    public int version;

    /** The {@code ModelDefinition} as JSON. */
    @Column(nullable = false)
    public String definition;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    public String notes;

    /** Rises with every activation; the version with the highest is the active one. */
    public Long activation;

    @Column(name = "activated_at")
    public Instant activatedAt;
}
