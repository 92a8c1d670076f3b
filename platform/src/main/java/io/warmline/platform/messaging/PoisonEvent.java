package io.warmline.platform.messaging;

/**
 * An event that can never be applied, however often it is retried (unreadable, schema-invalid, impossible by the
 * rules): it goes straight to the channel's dead-letter topic.
 */
public class PoisonEvent extends RuntimeException {

    public PoisonEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
