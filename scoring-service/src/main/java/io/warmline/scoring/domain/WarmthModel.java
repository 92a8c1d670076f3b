package io.warmline.scoring.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The warmth model: a signal's strength decays by its half-life; qualifying notes add a little; the tier follows
 * from fixed thresholds and sets the respond-by deadline. A weak signal's strength sits below the hot threshold, so
 * a single low-intent action can never make a lead hot.
 */
public final class WarmthModel {

    private final int version;
    private final Map<String, SignalWeight> weights;
    private final int notesBonus;
    private final int hotFrom;
    private final int warmFrom;
    private final int coolFrom;
    private final Duration hotWarmWindow;
    private final Duration coolWindow;
    private final Duration minimumWindow;

    public WarmthModel(int version, Map<String, SignalWeight> weights, int notesBonus, int hotFrom, int warmFrom,
                       int coolFrom, Duration hotWarmWindow, Duration coolWindow, Duration minimumWindow) {
        this.version = version;
        this.weights = Map.copyOf(weights);
        this.notesBonus = notesBonus;
        this.hotFrom = hotFrom;
        this.warmFrom = warmFrom;
        this.coolFrom = coolFrom;
        this.hotWarmWindow = hotWarmWindow;
        this.coolWindow = coolWindow;
        this.minimumWindow = minimumWindow;
    }

    /** The first model, until operators publish their own. */
    public static WarmthModel standard() {
        List<SignalWeight> list = List.of(
                new SignalWeight("callback_agreed", 95, Duration.ofHours(6), "callback agreed on a qualifying call"),
                new SignalWeight("demo_request", 85, Duration.ofHours(12), "demo requested"),
                new SignalWeight("referral", 80, Duration.ofDays(3), "referred by someone they trust"),
                new SignalWeight("past_customer", 60, Duration.ofDays(30), "bought from us before"),
                new SignalWeight("pricing_page_visit", 55, Duration.ofDays(1), "visited the pricing page"),
                new SignalWeight("webinar_attended", 50, Duration.ofDays(2), "attended a webinar"),
                new SignalWeight("content_download", 30, Duration.ofDays(7), "downloaded content"),
                new SignalWeight("email_open", 15, Duration.ofDays(2), "opened an email"));
        Map<String, SignalWeight> weights = new java.util.HashMap<>();
        list.forEach(weight -> weights.put(weight.signalType(), weight));
        return new WarmthModel(1, weights, 5, 75, 50, 25, Duration.ofHours(1), Duration.ofHours(8),
                Duration.ofMinutes(15));
    }

    public int version() {
        return version;
    }

    public Optional<SignalWeight> weight(String signalType) {
        return Optional.ofNullable(weights.get(signalType));
    }

    public Warmth score(String signalType, Instant signalAt, boolean hasNotes, Instant now) {
        SignalWeight weight = weight(signalType)
                .orElseThrow(() -> new IllegalArgumentException("unknown signal type " + signalType));
        Duration age = Duration.between(signalAt, now).isNegative() ? Duration.ZERO : Duration.between(signalAt, now);
        double decay = Math.pow(0.5, (double) age.toSeconds() / weight.halfLife().toSeconds());
        List<Factor> factors = new ArrayList<>();
        int signalPoints = (int) Math.round(weight.strength() * decay);
        factors.add(new Factor("signal", signalPoints, weight.description() + " " + describe(age) + " ago ("
                + Math.round(weight.strength()) + " when fresh, halving every " + describe(weight.halfLife()) + ")"));
        if (hasNotes && notesBonus > 0) {
            factors.add(new Factor("qualifying-notes", notesBonus, "the vendor sent qualifying notes"));
        }
        int total = factors.stream().mapToInt(Factor::points).sum();
        if (total > 100) {
            factors.add(new Factor("cap", 100 - total, "scores stop at 100"));
            total = 100;
        }
        Tier tier = total >= hotFrom ? Tier.HOT : total >= warmFrom ? Tier.WARM : total >= coolFrom ? Tier.COOL : Tier.COLD;
        return new Warmth(total, tier, List.copyOf(factors), version, respondBy(tier, signalAt, now));
    }

    private Instant respondBy(Tier tier, Instant signalAt, Instant now) {
        Duration window = switch (tier) {
            case HOT, WARM -> hotWarmWindow;
            case COOL -> coolWindow;
            case COLD -> null;
        };
        if (window == null) {
            return null;
        }
        Instant bySignal = signalAt.plus(window);
        Instant earliest = now.plus(minimumWindow);
        return bySignal.isBefore(earliest) ? earliest : bySignal;
    }

    private static String describe(Duration duration) {
        if (duration.toDays() >= 2) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() >= 2) {
            return duration.toHours() + " hours";
        }
        return Math.max(0, duration.toMinutes()) + " minutes";
    }
}
