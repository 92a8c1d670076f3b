package io.warmline.intake.messaging;

/** An event that can never be applied, however often it is retried: it goes straight to the dead-letter topic. */
public class PoisonEvent extends RuntimeException {

    public PoisonEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
