package io.warmline.scoring.domain;

import io.warmline.platform.domain.FieldProblem;
import io.warmline.scoring.domain.ModelDefinition.BusinessDay;
import io.warmline.scoring.domain.ModelDefinition.SignalDefinition;
import io.warmline.scoring.domain.ModelDefinition.TierPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRulesTest {

    final ModelDefinition standard = ModelDefinition.standard();

    @Test
    void theStandardModelIsSound() {
        assertEquals(List.of(), ModelRules.check(standard));
    }

    @Test
    void aNegativeHalfLifeIsRefused() {
        assertFields(withSignals(signals -> {
            signals.put("email_open", new SignalDefinition("weak", 15, Duration.ofHours(-1), "opened an email"));
            return signals;
        }), "signals.email_open.halfLife");
    }

    @Test
    void overlappingThresholdsAreRefused() {
        assertFields(withTiers(tiers -> {
            tiers.put("warm", new TierPolicy(80, "within", Duration.ofHours(1)));
            return tiers;
        }), "tiers.warm.minScore");
    }

    @Test
    void anUnknownSignalTypeIsRefused() {
        assertFields(withSignals(signals -> {
            signals.put("fax_sent", new SignalDefinition("weak", 5, Duration.ofDays(1), "sent a fax"));
            return signals;
        }), "signals.fax_sent");
    }

    @Test
    void aMissingSignalTypeIsRefused() {
        assertFields(withSignals(signals -> {
            signals.remove("referral");
            return signals;
        }), "signals.referral");
    }

    @Test
    void aLowIntentSignalThatCouldMakeALeadHotIsRefused() {
        assertFields(withSignals(signals -> {
            signals.put("content_download", new SignalDefinition("weak", 70, Duration.ofDays(7), "downloaded"));
            return signals;
        }), "signals.content_download.points");
    }

    @Test
    void aWindowOnATierThatDoesNotRespondWithinOneIsRefused() {
        assertFields(withTiers(tiers -> {
            tiers.put("cold", new TierPolicy(0, "nurture", Duration.ofHours(1)));
            tiers.put("hot", new TierPolicy(75, "within", null));
            return tiers;
        }), "tiers.hot.window", "tiers.cold.window");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsField() {
        Map<String, SignalDefinition> signals = new LinkedHashMap<>(standard.signals());
        signals.put("demo_request", new SignalDefinition("eager", 0, Duration.ZERO, " "));
        Map<String, TierPolicy> tiers = new LinkedHashMap<>(standard.tiers());
        tiers.put("lukewarm", new TierPolicy(40, "within", Duration.ofHours(2)));
        tiers.put("cold", new TierPolicy(5, "never", null));
        ModelDefinition broken = new ModelDefinition(signals, 1.5, -1, null, List.of("soon", ""), tiers,
                Duration.ofMinutes(-5), new BusinessDay("Mars/Olympus", "25:00", List.of("monday", "funday", "Monday")));
        assertFields(broken, "signals.demo_request.intent", "signals.demo_request.points",
                "signals.demo_request.halfLife", "signals.demo_request.reason", "qualifyingNotesPoints",
                "statedTimelinePoints", "timelinePhrases[1]", "tiers.lukewarm", "tiers.cold.respond",
                "tiers.cold.minScore", "businessDay.zone", "businessDay.closesAt", "businessDay.days[1]",
                "businessDay.days[2]", "furtherSignalShare", "minimumWindow");
    }

    @Test
    void missingPartsAreNamed() {
        assertFields(new ModelDefinition(null, null, null, null, null, null, null, null), "signals",
                "qualifyingNotesPoints", "statedTimelinePoints", "timelinePhrases", "tiers", "businessDay",
                "furtherSignalShare", "minimumWindow");
        assertFields(null, "");
    }

    @Test
    void aModelIsNeverBuiltFromAnUnsoundDefinition() {
        InvalidModel refused = assertThrows(InvalidModel.class, () -> new WarmthModel(2, withTiers(tiers -> {
            tiers.remove("cool");
            return tiers;
        })));
        assertEquals("tiers.cool", refused.problems.get(0).field());
    }

    @Test
    void reasonsSayHowToFixIt() {
        List<FieldProblem> problems = ModelRules.check(withTiers(tiers -> {
            tiers.put("cool", new TierPolicy(60, "same-business-day", null));
            return tiers;
        }));
        assertEquals(List.of(new FieldProblem("tiers.cool.minScore",
                "60 overlaps tiers.warm (from 50): each tier must start below the one above it")), problems);
    }

    private void assertFields(ModelDefinition model, String... fields) {
        List<FieldProblem> problems = ModelRules.check(model);
        assertEquals(List.of(fields), problems.stream().map(FieldProblem::field).toList(), problems.toString());
        assertTrue(problems.stream().allMatch(problem -> !problem.reason().isBlank()));
    }

    private ModelDefinition withSignals(UnaryOperator<Map<String, SignalDefinition>> change) {
        return new ModelDefinition(change.apply(new LinkedHashMap<>(standard.signals())),
                standard.furtherSignalShare(), standard.qualifyingNotesPoints(), standard.statedTimelinePoints(),
                standard.timelinePhrases(), standard.tiers(), standard.minimumWindow(), standard.businessDay());
    }

    private ModelDefinition withTiers(UnaryOperator<Map<String, TierPolicy>> change) {
        return new ModelDefinition(standard.signals(), standard.furtherSignalShare(), standard.qualifyingNotesPoints(),
                standard.statedTimelinePoints(), standard.timelinePhrases(),
                change.apply(new LinkedHashMap<>(standard.tiers())), standard.minimumWindow(), standard.businessDay());
    }
}
