package io.warmline.scoring.domain;

import io.warmline.scoring.domain.ModelDefinition.SignalDefinition;
import io.warmline.scoring.domain.ModelDefinition.TierPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Properties every sound model keeps, checked over thousands of generated leads under the standard model and under
 * generated models. Seeded, so a failure names the seed and lead that reproduce it.
 */
class WarmthPropertiesTest {

    static final long SEED = 20261123L;
    static final int MODELS = 40;
    static final int LEADS_PER_MODEL = 150;
    static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");
    static final List<String> NOTES = List.of("runs three sites", "wants a quote next week", "call ASAP please",
            "budget approved", "needs it by the end of the quarter");

    @Test
    void scoresStayWithinZeroToOneHundredAndTheirFactorsAddUp() {
        forAllLeads((model, lead) -> {
            Warmth warmth = model.score(lead, NOW);
            assertTrue(warmth.score() >= 0 && warmth.score() <= 100, "score " + warmth.score());
            assertEquals(warmth.score(), warmth.factors().stream().mapToInt(Factor::points).sum());
        });
    }

    @Test
    void aNewerCopyOfTheSameSignalNeverScoresLower() {
        Random random = new Random(SEED + 1);
        forAllLeads((model, lead) -> {
            List<Signal> signals = new ArrayList<>(lead.signals());
            int which = random.nextInt(signals.size());
            Signal older = signals.get(which);
            long olderAge = Duration.between(older.occurredAt(), NOW).toMillis();
            signals.set(which, new Signal(older.type(), NOW.minusMillis((long) (olderAge * random.nextDouble()))));
            assertNotLower(model, lead, new Evidence(signals, lead.notes(), lead.lastArrivedAt()));
        });
    }

    @Test
    void addingASignalNeverLowersTheScore() {
        Random random = new Random(SEED + 2);
        forAllLeads((model, lead) -> {
            List<Signal> signals = new ArrayList<>(lead.signals());
            signals.add(random.nextInt(signals.size() + 1), signal(random));
            assertNotLower(model, lead, new Evidence(signals, lead.notes(), lead.lastArrivedAt()));
        });
    }

    @Test
    void addingNotesNeverLowersTheScore() {
        Random random = new Random(SEED + 3);
        forAllLeads((model, lead) -> {
            List<String> notes = new ArrayList<>(lead.notes());
            notes.add(NOTES.get(random.nextInt(NOTES.size())));
            assertNotLower(model, lead, new Evidence(lead.signals(), notes, lead.lastArrivedAt()));
        });
    }

    @Test
    void waitingNeverRaisesTheScore() {
        Random random = new Random(SEED + 4);
        forAllLeads((model, lead) -> {
            Instant later = NOW.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 14)));
            int now = model.score(lead, NOW).score();
            int then = model.score(lead, later).score();
            assertTrue(then <= now, "later " + then + " > now " + now);
        });
    }

    @Test
    void aSingleLowIntentActionIsNeverHot() {
        forAllLeads((model, lead) -> {
            for (Signal signal : lead.signals()) {
                if (ModelDefinition.WEAK.equals(model.definition().signals().get(signal.type()).intent())) {
                    Evidence alone = new Evidence(List.of(signal), NOTES, NOW);
                    assertTrue(model.score(alone, NOW).tier() != Tier.HOT, signal.toString());
                }
            }
        });
    }

    private static void assertNotLower(WarmthModel model, Evidence before, Evidence after) {
        int was = model.score(before, NOW).score();
        int is = model.score(after, NOW).score();
        assertTrue(is >= was, "from " + was + " down to " + is + " for " + after);
    }

    /** Runs {@code property} on every generated lead, under the standard model and each generated model. */
    private static void forAllLeads(BiConsumer<WarmthModel, Evidence> property) {
        Random random = new Random(SEED);
        for (int m = 0; m <= MODELS; m++) {
            WarmthModel model = m == 0 ? WarmthModel.standard() : new WarmthModel(m + 1, model(random));
            for (int l = 0; l < LEADS_PER_MODEL; l++) {
                Evidence lead = lead(random);
                try {
                    property.accept(model, lead);
                } catch (AssertionError failure) {
                    fail("model " + m + " (0: standard, others generated from seed " + SEED + "), lead " + l
                            + " " + lead + ": " + failure.getMessage(), failure);
                }
            }
        }
    }

    static Evidence lead(Random random) {
        List<Signal> signals = new ArrayList<>();
        int count = 1 + random.nextInt(random.nextInt(4) == 0 ? 8 : 3);
        for (int i = 0; i < count; i++) {
            signals.add(signal(random));
        }
        List<String> notes = new ArrayList<>();
        while (random.nextInt(3) == 0) {
            notes.add(NOTES.get(random.nextInt(NOTES.size())));
        }
        return new Evidence(signals, notes, NOW.minus(Duration.ofMinutes(random.nextInt(120))));
    }

    /** A signal of any type, its age spread evenly on a log scale from a second to a year. */
    static Signal signal(Random random) {
        String type = SignalTypes.KNOWN.get(random.nextInt(SignalTypes.KNOWN.size()));
        long ageSeconds = (long) Math.pow(10, random.nextDouble() * Math.log10(365 * 24 * 3600.0));
        return new Signal(type, NOW.minusSeconds(ageSeconds));
    }

    static ModelDefinition model(Random random) {
        int hot = 60 + random.nextInt(31);
        int warm = 30 + random.nextInt(hot - 30);
        int cool = 10 + random.nextInt(warm - 10);
        int notes = random.nextInt(11);
        int timeline = random.nextInt(11);
        Map<String, SignalDefinition> signals = new LinkedHashMap<>();
        for (String type : SignalTypes.KNOWN) {
            String intent = List.of(ModelDefinition.STRONG, ModelDefinition.MEDIUM, ModelDefinition.WEAK)
                    .get(random.nextInt(3));
            int points = switch (intent) {
                case ModelDefinition.STRONG -> 50 + random.nextInt(51);
                case ModelDefinition.MEDIUM -> 20 + random.nextInt(61);
                default -> 1 + random.nextInt(Math.min(40, hot - notes - timeline - 1));
            };
            signals.put(type, new SignalDefinition(intent, points,
                    Duration.ofMinutes(10 + random.nextInt(60 * 24 * 60)), "did " + type));
        }
        Map<String, TierPolicy> tiers = new LinkedHashMap<>();
        tiers.put("hot", new TierPolicy(hot, "within", Duration.ofMinutes(5 + random.nextInt(180))));
        tiers.put("warm", new TierPolicy(warm, "within", Duration.ofMinutes(5 + random.nextInt(600))));
        tiers.put("cool", new TierPolicy(cool, "same-business-day", null));
        tiers.put("cold", new TierPolicy(0, "nurture", null));
        ModelDefinition standard = ModelDefinition.standard();
        ModelDefinition model = new ModelDefinition(signals, random.nextDouble(), notes, timeline,
                standard.timelinePhrases(), tiers, Duration.ofMinutes(random.nextInt(60)), standard.businessDay());
        assertEquals(List.of(), ModelRules.check(model), "the generator makes sound models only");
        return model;
    }
}
