package io.warmline.routing.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether a rep can take a lead now; only {@code AVAILABLE} reps are offered new leads. */
public enum Presence {
    AVAILABLE, BUSY, AWAY, OFFLINE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Presence> fromWireName(String name) {
        return Arrays.stream(values()).filter(presence -> presence.wireName().equals(name)).findFirst();
    }
}
