package io.warmline.scoring.domain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warmth model as data: what operators read, change and version. Plain values only, so it maps to JSON one to
 * one; {@link ModelRules} says whether it is sound and {@link WarmthModel} scores with it. Fields are boxed so that a
 * missing one is reported as missing rather than read as zero.
 *
 * @param signals               per signal type: its intent, its worth when fresh (points, 0-100) and its half-life
 * @param furtherSignalShare    how much of its worth each signal after the strongest adds to what is still
 *                              unexplained (diminishing returns: 0 ignores further signals, 1 counts them fully)
 * @param qualifyingNotesPoints added when a vendor sent qualifying notes
 * @param statedTimelinePoints  added when the notes state a timeline (one of {@code timelinePhrases})
 * @param timelinePhrases       words or phrases that state a timeline, matched case-insensitively as whole words
 * @param tiers                 hot, warm, cool and cold: where each starts and how fast a rep must respond
 * @param minimumWindow         however late a lead arrives, a rep gets at least this long from its arrival
 * @param businessDay           when the business day ends, for the "same business day" policy
 */
public record ModelDefinition(Map<String, SignalDefinition> signals, Double furtherSignalShare,
                              Integer qualifyingNotesPoints, Integer statedTimelinePoints,
                              List<String> timelinePhrases, Map<String, TierPolicy> tiers, Duration minimumWindow,
                              BusinessDay businessDay) {

    public static final String STRONG = "strong";
    public static final String MEDIUM = "medium";
    public static final String WEAK = "weak";
    public static final String RESPOND_WITHIN = "within";
    public static final String RESPOND_SAME_BUSINESS_DAY = "same-business-day";
    public static final String NURTURE = "nurture";

    /** @param reason what the lead did, as a phrase that reads after "the lead": "requested a demo" */
    public record SignalDefinition(String intent, Integer points, Duration halfLife, String reason) {
    }

    /** @param respond {@code within} (then {@code window}), {@code same-business-day} or {@code nurture} (no call) */
    public record TierPolicy(Integer minScore, String respond, Duration window) {
    }

    /**
     * @param zone     an IANA time zone, e.g. "Europe/London"
     * @param closesAt local time of day, e.g. "17:30"
     * @param days     English day names, e.g. "monday"
     */
    public record BusinessDay(String zone, String closesAt, List<String> days) {
    }

    /** The first model, seeded when none is stored yet. */
    public static ModelDefinition standard() {
        Map<String, SignalDefinition> signals = new LinkedHashMap<>();
        signals.put("callback_agreed", new SignalDefinition(STRONG, 95, Duration.ofHours(6),
                "agreed to a callback on a qualifying call"));
        signals.put("demo_request", new SignalDefinition(STRONG, 85, Duration.ofHours(12), "requested a demo"));
        signals.put("referral", new SignalDefinition(STRONG, 80, Duration.ofDays(3),
                "was referred by someone they trust"));
        signals.put("past_customer", new SignalDefinition(MEDIUM, 60, Duration.ofDays(30), "bought from us before"));
        signals.put("pricing_page_visit", new SignalDefinition(MEDIUM, 55, Duration.ofDays(1),
                "visited the pricing page"));
        signals.put("webinar_attended", new SignalDefinition(MEDIUM, 50, Duration.ofDays(2), "attended a webinar"));
        signals.put("content_download", new SignalDefinition(WEAK, 30, Duration.ofDays(7), "downloaded content"));
        signals.put("email_open", new SignalDefinition(WEAK, 15, Duration.ofDays(2), "opened an email"));
        Map<String, TierPolicy> tiers = new LinkedHashMap<>();
        tiers.put("hot", new TierPolicy(75, RESPOND_WITHIN, Duration.ofHours(1)));
        tiers.put("warm", new TierPolicy(50, RESPOND_WITHIN, Duration.ofHours(1)));
        tiers.put("cool", new TierPolicy(25, RESPOND_SAME_BUSINESS_DAY, null));
        tiers.put("cold", new TierPolicy(0, NURTURE, null));
        return new ModelDefinition(signals, 0.5, 5, 5,
                List.of("asap", "as soon as possible", "urgent", "urgently", "immediately", "today", "tomorrow",
                        "this week", "next week", "this month", "next month", "this quarter", "next quarter",
                        "within", "by the end of", "deadline"),
                tiers, Duration.ofMinutes(15),
                new BusinessDay("Europe/London", "17:30",
                        List.of("monday", "tuesday", "wednesday", "thursday", "friday")));
    }
}
