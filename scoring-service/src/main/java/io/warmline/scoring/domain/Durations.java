package io.warmline.scoring.domain;

import java.time.Duration;

/** Durations in the words a reason uses: "45 minutes", "6 hours", "3 days". */
final class Durations {

    private Durations() {
    }

    static String describe(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return "less than a minute";
        }
        if (minutes < 60) {
            return count(minutes, "minute");
        }
        if (duration.toHours() < 48) {
            return count(duration.toHours(), "hour");
        }
        return count(duration.toDays(), "day");
    }

    private static String count(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
