package io.warmline.intake.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A lead vendor allowed to post leads, with its signing secret sealed at rest. */
@Entity
@Table(name = "vendor")
public class Vendor {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(name = "default_region", nullable = false)
    public String defaultRegion;

    @Column(name = "sealed_secret", nullable = false)
    public String sealedSecret;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
