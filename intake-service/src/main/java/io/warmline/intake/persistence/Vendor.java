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

    /** The secret a rotation replaced, still valid until {@link #previousSecretValidUntil}; null when none. */
    @Column(name = "previous_sealed_secret")
    public String previousSealedSecret;

    @Column(name = "previous_secret_valid_until")
    public Instant previousSecretValidUntil;

    /** This vendor's rate limit; null: the service default. */
    @Column(name = "requests_per_minute")
    public Integer requestsPerMinute;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
