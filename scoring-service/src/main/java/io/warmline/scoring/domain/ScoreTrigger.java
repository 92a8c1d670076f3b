package io.warmline.scoring.domain;

import java.util.Locale;

/** Why a lead was scored: its arrival, the passing of time, or a new signal from the same person. */
public enum ScoreTrigger {
    RECEIVED, DECAY, NEW_SIGNAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
