package io.warmline.intake.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.config.IntakeConfig;
import io.warmline.intake.domain.WebhookSignature;
import io.warmline.intake.service.VendorCredentials;
import io.warmline.intake.service.VendorRateLimits;
import io.warmline.intake.service.VendorRegistry;
import io.warmline.platform.rest.Problem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Proves a request comes from the vendor it names, in the documented order: the vendor exists and is enabled,
 * the signature headers are there and the timestamp is fresh, the signature matches one of the vendor's valid
 * secrets, and the vendor is within its rate limit (shared by every replica). Only signed requests count against a
 * vendor's limit, so nobody else can use it up.
 */
@ApplicationScoped
public class SignedRequests {

    private static final Pattern MESSAGE_ID = Pattern.compile("^[\\x21-\\x7E]{1,128}$");

    private final VendorRegistry vendors;
    private final VendorRateLimits rateLimits;
    private final IntakeConfig config;

    SignedRequests(VendorRegistry vendors, VendorRateLimits rateLimits, IntakeConfig config) {
        this.vendors = vendors;
        this.rateLimits = rateLimits;
        this.config = config;
    }

    public Uni<VendorCredentials> authenticate(String vendorId, SignatureHeaders headers, byte[] body, Instant now) {
        return vendors.credentials(vendorId).chain(found -> {
            VendorCredentials vendor = found.orElseThrow(() -> unauthorized("unknown-vendor",
                    "no vendor '" + vendorId + "' is registered; check the vendor id in the URL"));
            if (!vendor.enabled()) {
                throw new Problem(403, "vendor-disabled", "Forbidden",
                        "vendor '" + vendorId + "' is disabled; contact the Warmline operators");
            }
            if (headers.id != null && !headers.id.isBlank() && !MESSAGE_ID.matcher(headers.messageId()).matches()) {
                throw new Problem(400, "invalid-webhook-id", "Bad Request",
                        "webhook-id must be 1-128 visible ASCII characters, without spaces");
            }
            checkSignature(vendor.secrets().validAt(now), headers, body, now);
            return rateLimits.take(vendor, now).map(wait -> {
                if (!wait.isZero()) {
                    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                    throw new Problem(429, "rate-limited", "Too Many Requests", "vendor '" + vendorId
                            + "' may send " + vendor.requestsPerMinute() + " requests a minute; retry after "
                            + seconds + " s", List.of(), (int) seconds);
                }
                return vendor;
            });
        });
    }

    private void checkSignature(List<String> secrets, SignatureHeaders headers, byte[] body, Instant now) {
        Duration tolerance = config.signatureTolerance();
        switch (WebhookSignature.verify(secrets, headers.messageId(), headers.timestamp, headers.signature, body, now,
                tolerance)) {
            case VALID -> {
            }
            case MISSING -> throw unauthorized("missing-signature",
                    "the webhook-id, webhook-timestamp and webhook-signature headers are all required");
            case MALFORMED_TIMESTAMP -> throw unauthorized("invalid-timestamp",
                    "webhook-timestamp must be the unix time in seconds");
            case STALE_TIMESTAMP -> throw unauthorized("stale-timestamp", "webhook-timestamp is more than "
                    + tolerance.toMinutes() + " minutes old; sign each delivery when you send it");
            case FUTURE_TIMESTAMP -> throw unauthorized("future-timestamp", "webhook-timestamp is more than "
                    + tolerance.toMinutes() + " minutes ahead of our clock; check your clock");
            case MISMATCH -> throw unauthorized("invalid-signature", "webhook-signature does not match: sign "
                    + "webhook-id.webhook-timestamp.body with your current secret (a replaced secret is refused "
                    + "once its grace period is over)");
        }
    }

    private static Problem unauthorized(String slug, String detail) {
        return new Problem(401, slug, "Unauthorized", detail);
    }
}
