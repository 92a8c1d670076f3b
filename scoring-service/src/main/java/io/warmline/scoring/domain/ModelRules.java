package io.warmline.scoring.domain;

import io.warmline.platform.domain.FieldProblem;
import io.warmline.scoring.domain.ModelDefinition.BusinessDay;
import io.warmline.scoring.domain.ModelDefinition.SignalDefinition;
import io.warmline.scoring.domain.ModelDefinition.TierPolicy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What makes a model definition sound. Every broken rule is reported, each naming its field as a path from the
 * definition's root ({@code signals.email_open.halfLife}), so an operator fixes everything in one round.
 */
public final class ModelRules {

    public static final int MAX_POINTS = 100;
    public static final int MAX_BONUS = 25;
    static final Duration LONGEST_HALF_LIFE = Duration.ofDays(365);
    static final Duration LONGEST_WINDOW = Duration.ofDays(7);
    static final Duration LONGEST_MINIMUM_WINDOW = Duration.ofHours(24);
    static final int MAX_PHRASES = 200;
    static final int MAX_TEXT = 200;
    private static final List<String> TIERS = List.of("hot", "warm", "cool", "cold");
    private static final List<String> INTENTS = List.of(ModelDefinition.STRONG, ModelDefinition.MEDIUM,
            ModelDefinition.WEAK);
    private static final List<String> RESPONSES = List.of(ModelDefinition.RESPOND_WITHIN,
            ModelDefinition.RESPOND_SAME_BUSINESS_DAY, ModelDefinition.NURTURE);

    private final List<FieldProblem> problems = new ArrayList<>();

    private ModelRules() {
    }

    /** Every broken rule of {@code model}; empty when it is sound. */
    public static List<FieldProblem> check(ModelDefinition model) {
        ModelRules rules = new ModelRules();
        if (model == null) {
            rules.refuse("", "a model definition is required");
        } else {
            rules.checkSignals(model.signals());
            rules.checkBonuses(model);
            rules.checkTiers(model.tiers());
            rules.checkBusinessDay(model.businessDay());
            rules.checkRange("furtherSignalShare", model.furtherSignalShare(), 0, 1);
            rules.checkDuration("minimumWindow", model.minimumWindow(), true, LONGEST_MINIMUM_WINDOW);
            rules.checkLowIntentNeverHot(model);
        }
        return List.copyOf(rules.problems);
    }

    /** Throws {@link InvalidModel} naming every broken rule. */
    public static void require(ModelDefinition model) {
        List<FieldProblem> problems = check(model);
        if (!problems.isEmpty()) {
            throw new InvalidModel(problems);
        }
    }

    private void checkSignals(Map<String, SignalDefinition> signals) {
        if (signals == null) {
            refuse("signals", "required: a weight for each signal type " + SignalTypes.KNOWN);
            return;
        }
        signals.forEach((type, signal) -> {
            String field = "signals." + type;
            if (!SignalTypes.isKnown(type)) {
                refuse(field, "unknown signal type '" + type + "'; the known types are " + SignalTypes.KNOWN);
            } else if (signal == null) {
                refuse(field, "required: intent, points, halfLife and reason");
            } else {
                checkChoice(field + ".intent", signal.intent(), INTENTS);
                checkPoints(field + ".points", signal.points(), 1, MAX_POINTS);
                checkDuration(field + ".halfLife", signal.halfLife(), false, LONGEST_HALF_LIFE);
                checkText(field + ".reason", signal.reason());
            }
        });
        SignalTypes.KNOWN.stream().filter(type -> !signals.containsKey(type)).forEach(type ->
                refuse("signals." + type, "missing: intake sends this signal type, so the model must weigh it"));
    }

    private void checkBonuses(ModelDefinition model) {
        checkPoints("qualifyingNotesPoints", model.qualifyingNotesPoints(), 0, MAX_BONUS);
        checkPoints("statedTimelinePoints", model.statedTimelinePoints(), 0, MAX_BONUS);
        List<String> phrases = model.timelinePhrases();
        if (phrases == null) {
            refuse("timelinePhrases", "required (may be empty): words that state a timeline, such as \"next week\"");
        } else if (phrases.size() > MAX_PHRASES) {
            refuse("timelinePhrases", "at most " + MAX_PHRASES + " phrases");
        } else {
            for (int i = 0; i < phrases.size(); i++) {
                String phrase = phrases.get(i);
                if (phrase == null || phrase.isBlank() || phrase.length() > 60) {
                    refuse("timelinePhrases[" + i + "]", "a phrase of 1 to 60 characters");
                }
            }
        }
    }

    private void checkTiers(Map<String, TierPolicy> tiers) {
        if (tiers == null) {
            refuse("tiers", "required: " + TIERS);
            return;
        }
        tiers.keySet().stream().filter(tier -> !TIERS.contains(tier))
                .forEach(tier -> refuse("tiers." + tier, "unknown tier; the tiers are " + TIERS));
        Integer above = null;
        String aboveName = null;
        for (String tier : TIERS) {
            String field = "tiers." + tier;
            TierPolicy policy = tiers.get(tier);
            if (policy == null) {
                refuse(field, "missing: minScore and respond are required for every tier");
                continue;
            }
            checkResponse(field, policy);
            Integer from = policy.minScore();
            if ("cold".equals(tier)) {
                if (from == null || from != 0) {
                    refuse(field + ".minScore", "must be 0: every score below the cool tier is cold");
                }
            } else if (checkPoints(field + ".minScore", from, 1, MAX_POINTS) && above != null && from >= above) {
                refuse(field + ".minScore", from + " overlaps " + aboveName + " (from " + above
                        + "): each tier must start below the one above it");
            }
            if (from != null) {
                above = from;
                aboveName = field;
            }
        }
    }

    private void checkResponse(String field, TierPolicy policy) {
        if (!checkChoice(field + ".respond", policy.respond(), RESPONSES)) {
            return;
        }
        if (ModelDefinition.RESPOND_WITHIN.equals(policy.respond())) {
            checkDuration(field + ".window", policy.window(), false, LONGEST_WINDOW);
        } else if (policy.window() != null) {
            refuse(field + ".window", "only a tier that responds \"within\" a window has one; remove it");
        }
    }

    private void checkBusinessDay(BusinessDay day) {
        if (day == null) {
            refuse("businessDay", "required: zone, closesAt and days, for the same-business-day policy");
            return;
        }
        try {
            if (day.zone() == null) {
                refuse("businessDay.zone", "required: an IANA time zone such as Europe/London");
            } else {
                ZoneId.of(day.zone());
            }
        } catch (DateTimeException e) {
            refuse("businessDay.zone", "'" + day.zone() + "' is not an IANA time zone such as Europe/London");
        }
        if (timeOfDay(day.closesAt()) == null) {
            refuse("businessDay.closesAt", (day.closesAt() == null ? "required" : "'" + day.closesAt()
                    + "' is not a time of day") + ": the local time the business day ends, such as 17:30");
        }
        if (day.days() == null || day.days().isEmpty()) {
            refuse("businessDay.days", "required: at least one day, such as \"monday\"");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < day.days().size(); i++) {
            String name = day.days().get(i);
            if (dayOfWeek(name) == null) {
                refuse("businessDay.days[" + i + "]", "'" + name + "' is not a day name such as \"monday\"");
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                refuse("businessDay.days[" + i + "]", "'" + name + "' is listed twice");
            }
        }
    }

    /** A single low-intent action must never make a lead hot, whatever notes come with it. */
    private void checkLowIntentNeverHot(ModelDefinition model) {
        TierPolicy hot = model.tiers() == null ? null : model.tiers().get("hot");
        if (model.signals() == null || hot == null || hot.minScore() == null) {
            return;
        }
        int bonuses = orZero(model.qualifyingNotesPoints()) + orZero(model.statedTimelinePoints());
        model.signals().forEach((type, signal) -> {
            if (signal != null && ModelDefinition.WEAK.equals(signal.intent()) && signal.points() != null
                    && signal.points() + bonuses >= hot.minScore()) {
                refuse("signals." + type + ".points", "a single low-intent action must never make a lead hot: "
                        + signal.points() + " plus " + bonuses + " for notes and timeline reaches tiers.hot.minScore ("
                        + hot.minScore() + "); lower it below " + (hot.minScore() - bonuses));
            }
        });
    }

    static LocalTime timeOfDay(String text) {
        try {
            return text == null ? null : LocalTime.parse(text.trim());
        } catch (DateTimeException e) {
            return null;
        }
    }

    static DayOfWeek dayOfWeek(String name) {
        try {
            return name == null ? null : DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean checkChoice(String field, String value, List<String> choices) {
        if (value == null || !choices.contains(value)) {
            refuse(field, (value == null ? "required" : "'" + value + "' is not allowed") + "; one of " + choices);
            return false;
        }
        return true;
    }

    private boolean checkPoints(String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            refuse(field, (value == null ? "required" : value + " is out of range") + ": a whole number from "
                    + min + " to " + max);
            return false;
        }
        return true;
    }

    private void checkRange(String field, Double value, double min, double max) {
        if (value == null || value.isNaN() || value < min || value > max) {
            refuse(field, (value == null ? "required" : value + " is out of range") + ": a number from " + min
                    + " to " + max);
        }
    }

    private void checkDuration(String field, Duration value, boolean zeroAllowed, Duration longest) {
        if (value == null) {
            refuse(field, "required: an ISO-8601 duration such as PT1H or P2D");
        } else if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            refuse(field, value + " must be " + (zeroAllowed ? "zero or more" : "positive")
                    + ", such as PT1H or P2D");
        } else if (value.compareTo(longest) > 0) {
            refuse(field, value + " is longer than the longest allowed, " + longest);
        }
    }

    private void checkText(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
            refuse(field, "required: 1 to " + MAX_TEXT + " characters");
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private void refuse(String field, String reason) {
        problems.add(new FieldProblem(field, reason));
    }
}
