package io.warmline.notification.channel;

/** A send that failed; {@code permanent} when retrying cannot help (an expired subscription, no address). */
public class ChannelFailure extends RuntimeException {

    public final boolean permanent;

    public ChannelFailure(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }
}
