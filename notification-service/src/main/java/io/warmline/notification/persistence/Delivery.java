package io.warmline.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One notice on one channel to one recipient, with its delivery status and retries. */
@Entity
@Table(name = "delivery")
public class Delivery {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "timer_id")
    public Long timerId;

    @Column(nullable = false)
    public String channel;

    /** Whom the channel reaches: a rep id, an email address, a push subscription id or a webhook URL. */
    @Column(nullable = false)
    public String recipient;

    /** The {@link io.warmline.notification.domain.Notice} as JSON. */
    @Column(nullable = false)
    public String notice;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** Until when (the database's clock) the replica that claimed it is sending it; null when nobody is. */
    @Column(name = "claimed_until")
    public Instant claimedUntil;

    /** The token of the claim that is sending it: only that claim records the outcome. */
    public UUID claim;
}
