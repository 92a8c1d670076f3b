package io.warmline.scoring.domain;

import io.warmline.scoring.domain.ModelDefinition.BusinessDay;
import io.warmline.scoring.domain.ModelDefinition.TierPolicy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A tier's respond-by policy: by when a rep must call. "Within" counts from the signal that made the lead warm
 * (a callback agreed at 13:50 is due by 14:50); "same business day" counts from the lead's arrival, since its
 * signal may predate the business day it reached us on; "nurture" means no call. Whatever the policy, a lead that
 * arrives late still gives the rep the model's minimum window from its arrival, and the deadline does not move
 * while the lead merely waits (it depends on the evidence, not on when it is re-scored).
 */
abstract sealed class RespondBy {

    /** The deadline; null when the lead is not to be called. */
    abstract Instant deadline(Instant signalAt, Instant arrivedAt);

    static RespondBy of(TierPolicy policy, BusinessDay businessDay, Duration minimumWindow) {
        return switch (policy.respond()) {
            case ModelDefinition.RESPOND_WITHIN -> new Within(policy.window(), minimumWindow);
            case ModelDefinition.RESPOND_SAME_BUSINESS_DAY -> new SameBusinessDay(businessDay, minimumWindow);
            default -> new Nurture();
        };
    }

    private static Instant atLeast(Instant deadline, Instant arrivedAt, Duration minimumWindow) {
        Instant earliest = arrivedAt.plus(minimumWindow);
        return deadline.isBefore(earliest) ? earliest : deadline;
    }

    static final class Within extends RespondBy {
        private final Duration window;
        private final Duration minimumWindow;

        Within(Duration window, Duration minimumWindow) {
            this.window = window;
            this.minimumWindow = minimumWindow;
        }

        @Override
        Instant deadline(Instant signalAt, Instant arrivedAt) {
            return atLeast(signalAt.plus(window), arrivedAt, minimumWindow);
        }
    }

    static final class SameBusinessDay extends RespondBy {
        private final ZoneId zone;
        private final LocalTime closesAt;
        private final Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        private final Duration minimumWindow;

        SameBusinessDay(BusinessDay businessDay, Duration minimumWindow) {
            this.zone = ZoneId.of(businessDay.zone());
            this.closesAt = ModelRules.timeOfDay(businessDay.closesAt());
            businessDay.days().forEach(day -> days.add(ModelRules.dayOfWeek(day)));
            this.minimumWindow = minimumWindow;
        }

        @Override
        Instant deadline(Instant signalAt, Instant arrivedAt) {
            ZonedDateTime local = arrivedAt.atZone(zone);
            LocalDate day = local.toLocalDate();
            if (!local.toLocalTime().isBefore(closesAt)) {
                day = day.plusDays(1);
            }
            while (!days.contains(day.getDayOfWeek())) {
                day = day.plusDays(1);
            }
            return atLeast(ZonedDateTime.of(day, closesAt, zone).toInstant(), arrivedAt, minimumWindow);
        }
    }

    static final class Nurture extends RespondBy {
        @Override
        Instant deadline(Instant signalAt, Instant arrivedAt) {
            return null;
        }
    }
}
