package io.warmline.routing.domain;

import java.util.Optional;

/** Whether a rep can take a lead now; only {@code AVAILABLE} reps are offered new leads. */
public enum Presence {
    AVAILABLE, BUSY, AWAY, OFFLINE;

    public String wireName() {
        return WireName.of(this);
    }

    public static Optional<Presence> fromWireName(String name) {
        return WireName.parse(Presence.class, name);
    }
}
