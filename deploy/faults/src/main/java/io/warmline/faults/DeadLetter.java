package io.warmline.faults;

/** A record found on a dead-letter topic: its topic, value and broker timestamp. */
public record DeadLetter(String topic, String value, long timestampMillis) {
}
