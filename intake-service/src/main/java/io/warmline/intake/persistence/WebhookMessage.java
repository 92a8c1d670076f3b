package io.warmline.intake.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A webhook message id a vendor has used, and the lead it created: a replay of the id creates nothing. */
@Entity
@Table(name = "webhook_message")
public class WebhookMessage {

    @EmbeddedId
    public Key key;

    @Column(name = "lead_id", nullable = false)
    public UUID leadId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Embeddable
    public record Key(@Column(name = "vendor_id") String vendorId,
                      @Column(name = "message_id") String messageId) implements Serializable {
    }
}
