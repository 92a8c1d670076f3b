package io.warmline.notification.messaging;

import java.time.Instant;

/** {@code RepAlerted} v1: the assigned rep's alert went out on a channel. */
public record RepAlerted(String repId, String channel, Instant alertedAt, Instant receivedAt) {
    public static final String TYPE = "RepAlerted";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.rep-alerted";
}
