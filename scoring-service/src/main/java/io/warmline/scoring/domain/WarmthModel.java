package io.warmline.scoring.domain;

import io.warmline.scoring.domain.ModelDefinition.SignalDefinition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scores a lead's warmth, 0-100, from its evidence under one version of the model.
 *
 * <p>Each signal is worth its points when fresh, halving every half-life. Signals combine with diminishing returns:
 * read a signal's worth as the chance it shows real intent; the strongest counts fully and each further one adds
 * {@code furtherSignalShare} of its worth to the part not yet explained, so the total never passes 100 and a
 * further signal, or a fresher copy of one, never lowers it. Qualifying notes and a stated timeline add fixed
 * points. Each factor's points are what it added to the rounded running total, so the factors add up to the score.
 *
 * <p>The model is immutable and built only from a definition that {@link ModelRules} accepts.
 */
public final class WarmthModel {

    /** The version of a model that is not stored, such as a proposal being tried. */
    public static final int UNSAVED = 0;
    private static final Comparator<Weighed> STRONGEST_FIRST = Comparator.comparingDouble(Weighed::worth).reversed()
            .thenComparing(weighed -> weighed.signal().type())
            .thenComparing(weighed -> weighed.signal().occurredAt(), Comparator.reverseOrder());

    private final int version;
    private final ModelDefinition definition;
    private final Map<Tier, Integer> tierFrom = new EnumMap<>(Tier.class);
    private final Map<Tier, RespondBy> respondBy = new EnumMap<>(Tier.class);
    private final List<Pattern> timelinePhrases;

    public WarmthModel(int version, ModelDefinition definition) {
        ModelRules.require(definition);
        this.version = version;
        this.definition = definition;
        for (Tier tier : Tier.values()) {
            ModelDefinition.TierPolicy policy = definition.tiers().get(tier.wireName());
            tierFrom.put(tier, policy.minScore());
            respondBy.put(tier, RespondBy.of(policy, definition.businessDay(), definition.minimumWindow()));
        }
        // Quoted and bounded by non-word characters: an operator's phrase is matched literally, never as a regex.
        this.timelinePhrases = definition.timelinePhrases().stream()
                .map(phrase -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase.trim())
                        + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    /** The first model, version 1, until operators publish their own. */
    public static WarmthModel standard() {
        return new WarmthModel(1, ModelDefinition.standard());
    }

    public int version() {
        return version;
    }

    public ModelDefinition definition() {
        return definition;
    }

    public Warmth score(Evidence lead, Instant now) {
        if (lead.signals().isEmpty()) {
            throw new IllegalArgumentException("a lead is scored from at least one signal");
        }
        List<Weighed> signals = lead.signals().stream().map(signal -> weigh(signal, now))
                .sorted(STRONGEST_FIRST).toList();
        List<Factor> factors = new ArrayList<>();
        double unexplained = 1;
        int total = 0;
        for (int i = 0; i < signals.size(); i++) {
            Weighed weighed = signals.get(i);
            double share = i == 0 ? 1 : definition.furtherSignalShare();
            unexplained *= 1 - share * weighed.worth() / 100;
            int runningTotal = (int) Math.round(100 * (1 - unexplained));
            factors.add(new Factor("signal:" + weighed.signal().type(), runningTotal - total,
                    reason(weighed, i == 0 ? null : share, runningTotal - total)));
            total = runningTotal;
        }
        if (!lead.notes().isEmpty() && definition.qualifyingNotesPoints() > 0) {
            factors.add(new Factor("qualifying-notes", definition.qualifyingNotesPoints(),
                    "the vendor sent qualifying notes"));
            total += definition.qualifyingNotesPoints();
        }
        if (statesTimeline(lead.notes()) && definition.statedTimelinePoints() > 0) {
            factors.add(new Factor("stated-timeline", definition.statedTimelinePoints(),
                    "the notes state a timeline"));
            total += definition.statedTimelinePoints();
        }
        if (total > 100) {
            factors.add(new Factor("cap", 100 - total, "scores stop at 100"));
            total = 100;
        }
        Tier tier = tierOf(total);
        Instant signalAt = signals.get(0).signal().occurredAt();
        Instant anchor = signalAt.isAfter(now) ? now : signalAt;
        return new Warmth(total, tier, List.copyOf(factors), version,
                respondBy.get(tier).deadline(anchor, lead.lastArrivedAt()));
    }

    private Tier tierOf(int score) {
        for (Tier tier : Tier.values()) {
            if (score >= tierFrom.get(tier)) {
                return tier;
            }
        }
        return Tier.COLD;
    }

    private Weighed weigh(Signal signal, Instant now) {
        SignalDefinition definition = this.definition.signals().get(signal.type());
        if (definition == null) {
            throw new IllegalArgumentException("unknown signal type " + signal.type());
        }
        Duration age = signal.occurredAt().isAfter(now) ? Duration.ZERO : Duration.between(signal.occurredAt(), now);
        double halvings = (double) age.toMillis() / definition.halfLife().toMillis();
        return new Weighed(signal, definition, age, definition.points() * Math.pow(0.5, halvings));
    }

    private static String reason(Weighed weighed, Double furtherShare, int points) {
        SignalDefinition definition = weighed.definition();
        String reason = definition.reason() + " " + Durations.describe(weighed.age()) + " ago (worth "
                + definition.points() + " fresh, halving every " + Durations.describe(definition.halfLife()) + ")";
        if (furtherShare != null) {
            reason += ", a further signal counted at " + Math.round(furtherShare * 100) + "%";
        }
        if (points == 0) {
            reason += weighed.worth() < 0.5 ? ": too old to count" : ": adds nothing beyond the stronger signals";
        }
        return reason;
    }

    private boolean statesTimeline(List<String> notes) {
        return notes.stream().anyMatch(note -> timelinePhrases.stream().anyMatch(phrase -> phrase.matcher(note).find()));
    }

    private record Weighed(Signal signal, SignalDefinition definition, Duration age, double worth) {
    }
}
