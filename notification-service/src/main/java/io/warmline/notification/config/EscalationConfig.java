package io.warmline.notification.config;

import io.smallrye.config.ConfigMapping;
import io.warmline.notification.domain.PushEndpoints;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Timers, deliveries and who is reached beyond the rep ({@code warmline.escalation.*}). */
@ConfigMapping(prefix = "warmline.escalation")
public interface EscalationConfig {

    Timers timers();

    Deliveries deliveries();

    /** The email addresses of the operators on duty: operator steps and lapsed deadlines reach them. */
    @WithDefault("operators@warmline.invalid")
    List<String> operatorEmails();

    Webhook webhook();

    WebPush webPush();

    interface Timers {
        /** How often a replica looks for due timers; it also wakes at the next due time when that is sooner. */
        @WithDefault("200ms")
        Duration pollInterval();

        /** How many due timers one transaction claims. */
        @WithDefault("200")
        int batchSize();

        /**
         * How often the pending-timers gauge is refreshed: a count over every pending timer (most of a second of
         * database time at a million pending), so neither on every scrape nor every few seconds.
         */
        @WithDefault("30s")
        Duration gaugeRefresh();
    }

    interface Deliveries {
        /** Attempts on one channel before it is given up and the fallback channel takes over. */
        @WithDefault("4")
        int maxAttempts();

        /** The wait after the first failed attempt; doubled after each further one. */
        @WithDefault("1s")
        Duration backoff();

        /** How often pending deliveries are swept (each commit also wakes the dispatcher at once). */
        @WithDefault("1s")
        Duration sweepInterval();

        /** The channel that takes over when one fails for good, by channel name (email, webhook, web_push, sse). */
        Map<String, String> fallback();
    }

    interface Webhook {
        /** The team channel's incoming webhook (Slack- or Teams-compatible); without it, channel steps go nowhere. */
        Optional<String> url();

        /** Per-team webhook URLs, by team id, overriding {@link #url()}. */
        Map<String, String> teams();

        /** Signs each payload (HMAC-SHA256, header webhook-signature); without it payloads go unsigned. */
        Optional<String> secret();
    }

    interface WebPush {
        /** VAPID public key (uncompressed P-256 point, base64url); without the pair, Web Push is off. */
        Optional<String> publicKey();

        Optional<String> privateKey();

        @WithDefault("mailto:operators@warmline.invalid")
        String subject();

        /**
         * The push services a rep's browser may subscribe with: an endpoint's host must be one of these or a
         * subdomain of one (Chrome and Edge on FCM, Firefox, Edge's WNS, Safari).
         */
        @WithDefault("fcm.googleapis.com,android.googleapis.com,push.services.mozilla.com,notify.windows.com,"
                + "push.apple.com")
        List<String> allowedHosts();

        /** Loopback endpoints (a test's own push service); never in production. */
        @WithDefault("false")
        boolean allowLoopback();

        /** Browsers one rep may register; a further one is refused until one is removed. */
        @WithDefault("10")
        int maxSubscriptionsPerRep();

        default PushEndpoints endpoints() {
            return new PushEndpoints(allowedHosts(), allowLoopback());
        }
    }
}
