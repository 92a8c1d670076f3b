package io.warmline.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One of a rep's browsers, as its PushSubscription gave it: the push service endpoint and the RFC 8291 keys. */
@Entity
@Table(name = "push_subscription")
public class PushSubscription {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "rep_id", nullable = false)
    public String repId;

    @Column(nullable = false)
    public String endpoint;

    /** The browser's P-256 public key, base64url. */
    @Column(nullable = false)
    public String p256dh;

    /** The 16-byte authentication secret, base64url. */
    @Column(nullable = false)
    public String auth;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
