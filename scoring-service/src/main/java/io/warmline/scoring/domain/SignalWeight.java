package io.warmline.scoring.domain;

import java.time.Duration;

/** How much a signal type is worth when fresh, and how fast that worth halves. */
public record SignalWeight(String signalType, double strength, Duration halfLife, String description) {
}
