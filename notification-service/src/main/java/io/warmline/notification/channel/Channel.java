package io.warmline.notification.channel;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.Notice;

/**
 * One way of reaching someone. A send that fails throws {@link ChannelFailure}; the dispatcher retries it with
 * backoff, then hands the notice to the channel's fallback.
 */
public interface Channel {

    String SSE = "sse";
    String WEB_PUSH = "web_push";
    String EMAIL = "email";
    String WEBHOOK = "webhook";

    /** The channel's name in deliveries, metrics and events. */
    String name();

    /** @param recipient what the channel addresses: a rep id, a push subscription id, an email address, a URL */
    Uni<Void> send(String recipient, Notice notice);

    /**
     * The delivery's send; a channel whose receiver can drop repeats by id (the webhook), or that delivers into the
     * database itself (the stream, which then sends each delivery once), overrides it.
     */
    default Uni<Void> send(long deliveryId, String recipient, Notice notice) {
        return send(recipient, notice);
    }
}
