package io.warmline.scoring.domain;

import java.util.Locale;

/** How warm a lead is, and so how fast a rep must call. Declared hottest first: a score takes the first it reaches. */
public enum Tier {
    HOT, WARM, COOL, COLD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
