package io.warmline.scoring.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmthModelTest {

    static final Instant NOW = Instant.parse("2026-11-23T14:00:00Z");
    final WarmthModel model = WarmthModel.standard();

    @Test
    void aCallbackAgreedTenMinutesAgoIsHotAndDueWithinTheHourOfTheCall() {
        Warmth warmth = model.score("callback_agreed", NOW.minus(Duration.ofMinutes(10)), true, NOW);
        assertEquals(Tier.HOT, warmth.tier());
        assertEquals(NOW.plus(Duration.ofMinutes(50)), warmth.respondBy());
    }

    @Test
    void aDemoRequestAnHourAgoOutranksAnEbookDownloadedLastQuarter() {
        int demo = model.score("demo_request", NOW.minus(Duration.ofHours(1)), false, NOW).score();
        int ebook = model.score("content_download", NOW.minus(Duration.ofDays(90)), false, NOW).score();
        assertTrue(demo > ebook, demo + " > " + ebook);
    }

    @Test
    void aLoneEmailOpenIsColdAndNeedsNoCall() {
        Warmth warmth = model.score("email_open", NOW, false, NOW);
        assertEquals(Tier.COLD, warmth.tier());
        assertNull(warmth.respondBy());
    }

    @Test
    void theSameDemoRequestScoresStrictlyLowerAsItAges() {
        int hour = model.score("demo_request", NOW.minus(Duration.ofHours(1)), false, NOW).score();
        int day = model.score("demo_request", NOW.minus(Duration.ofDays(1)), false, NOW).score();
        int week = model.score("demo_request", NOW.minus(Duration.ofDays(7)), false, NOW).score();
        assertTrue(hour > day && day > week, hour + " > " + day + " > " + week);
    }

    @Test
    void aFreshLowIntentActionIsNeverHot() {
        for (String weak : new String[]{"content_download", "email_open", "webinar_attended", "pricing_page_visit"}) {
            assertTrue(model.score(weak, NOW, true, NOW).tier() != Tier.HOT, weak);
        }
    }

    @Test
    void aLateLeadStillGetsAMinimumWindowToCall() {
        Warmth warmth = model.score("callback_agreed", NOW.minus(Duration.ofHours(2)), false, NOW);
        assertEquals(NOW.plus(Duration.ofMinutes(15)), warmth.respondBy());
    }

    @Test
    void everyFactorsPointsAddUpToTheScore() {
        Warmth warmth = model.score("callback_agreed", NOW, true, NOW);
        assertEquals(warmth.score(), warmth.factors().stream().mapToInt(Factor::points).sum());
        assertEquals(100, warmth.score());
        assertEquals(1, warmth.modelVersion());
    }
}
