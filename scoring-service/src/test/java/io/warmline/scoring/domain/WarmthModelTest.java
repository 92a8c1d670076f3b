package io.warmline.scoring.domain;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmthModelTest {

    /** A Monday afternoon in London (GMT in November). */
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T14:00:00Z"), ZoneOffset.UTC);
    final WarmthModel model = WarmthModel.standard();

    @Test
    void aCallbackAgreedTenMinutesAgoIsHotAndDueWithinTheHourOfTheCall() {
        Warmth warmth = score(lead(signal("callback_agreed", Duration.ofMinutes(10))));
        assertEquals(Tier.HOT, warmth.tier());
        assertEquals(now().plus(Duration.ofMinutes(50)), warmth.respondBy());
    }

    @Test
    void aDemoRequestAnHourAgoOutranksAnEbookDownloadedLastQuarter() {
        int demo = score(lead(signal("demo_request", Duration.ofHours(1)))).score();
        int ebook = score(lead(signal("content_download", Duration.ofDays(90)))).score();
        assertTrue(demo > ebook + 50, demo + " far above " + ebook);
    }

    @Test
    void aLoneEmailOpenIsColdAndNeedsNoCall() {
        Warmth warmth = score(lead(signal("email_open", Duration.ZERO)));
        assertEquals(Tier.COLD, warmth.tier());
        assertNull(warmth.respondBy());
    }

    @Test
    void theSameDemoRequestScoresStrictlyLowerAsItAges() {
        int hour = score(lead(signal("demo_request", Duration.ofHours(1)))).score();
        int day = score(lead(signal("demo_request", Duration.ofDays(1)))).score();
        int week = score(lead(signal("demo_request", Duration.ofDays(7)))).score();
        assertTrue(hour > day && day > week, hour + " > " + day + " > " + week);
    }

    @Test
    void twoMediumSignalsOutrankOneOfThem() {
        Signal pricing = signal("pricing_page_visit", Duration.ofHours(2));
        Signal webinar = signal("webinar_attended", Duration.ofHours(3));
        int both = score(lead(pricing, webinar)).score();
        assertTrue(both > score(lead(pricing)).score() && both > score(lead(webinar)).score(), "both: " + both);
    }

    @Test
    void furtherSignalsAddWithDiminishingReturns() {
        Signal webinar = signal("webinar_attended", Duration.ZERO);
        int one = score(lead(webinar)).score();
        int two = score(lead(webinar, webinar)).score();
        int three = score(lead(webinar, webinar, webinar)).score();
        assertTrue(two - one > three - two && three - two > 0, one + ", " + two + ", " + three);
    }

    @Test
    void everyFactorsPointsAddUpToTheScore() {
        Warmth warmth = score(new Evidence(List.of(signal("referral", Duration.ofHours(5)),
                signal("pricing_page_visit", Duration.ofHours(1)), signal("email_open", Duration.ofDays(30))),
                List.of("wants a quote by the end of the month"), now()));
        assertEquals(warmth.score(), warmth.factors().stream().mapToInt(Factor::points).sum());
        assertEquals(List.of("signal:referral", "signal:pricing_page_visit", "signal:email_open", "qualifying-notes",
                "stated-timeline"), warmth.factors().stream().map(Factor::name).toList());
        assertEquals(1, warmth.modelVersion());
    }

    @Test
    void aScoreStopsAtOneHundredAndTheCapIsAFactor() {
        Warmth warmth = score(new Evidence(List.of(signal("callback_agreed", Duration.ZERO)),
                List.of("call ASAP"), now()));
        assertEquals(100, warmth.score());
        assertEquals(100, warmth.factors().stream().mapToInt(Factor::points).sum());
        assertEquals("cap", warmth.factors().get(warmth.factors().size() - 1).name());
    }

    @Test
    void qualifyingNotesAndAStatedTimelineRaiseTheScore() {
        Signal pricing = signal("pricing_page_visit", Duration.ofHours(4));
        int bare = score(lead(pricing)).score();
        int notes = score(new Evidence(List.of(pricing), List.of("runs three sites"), now())).score();
        int timeline = score(new Evidence(List.of(pricing), List.of("needs it next week"), now())).score();
        assertTrue(bare < notes && notes < timeline, bare + " < " + notes + " < " + timeline);
    }

    @Test
    void aTimelinePhraseMatchesOnlyAsWholeWords() {
        Signal pricing = signal("pricing_page_visit", Duration.ZERO);
        int plain = score(new Evidence(List.of(pricing), List.of("prefers a todayish slot"), now())).score();
        int stated = score(new Evidence(List.of(pricing), List.of("Needs it TODAY."), now())).score();
        assertEquals(plain + 5, stated);
    }

    @Test
    void aSingleLowIntentActionIsNeverHotEvenWithNotesAndATimeline() {
        for (String weak : List.of("content_download", "email_open")) {
            Warmth warmth = score(new Evidence(List.of(signal(weak, Duration.ZERO)), List.of("buying ASAP"), now()));
            assertNotEquals(Tier.HOT, warmth.tier(), weak);
        }
    }

    @Test
    void everyFactorHasAReasonAnOperatorCanRead() {
        Warmth warmth = score(lead(signal("demo_request", Duration.ofHours(3)),
                signal("content_download", Duration.ofDays(90))));
        assertEquals("requested a demo 3 hours ago (worth 85 fresh, halving every 12 hours)",
                warmth.factors().get(0).reason());
        assertEquals("downloaded content 90 days ago (worth 30 fresh, halving every 7 days), a further signal "
                + "counted at 50%: too old to count", warmth.factors().get(1).reason());
    }

    @Test
    void aLateLeadStillGetsAMinimumWindowToCall() {
        Warmth warmth = score(lead(signal("callback_agreed", Duration.ofHours(2))));
        assertEquals(Tier.HOT, warmth.tier());
        assertEquals(now().plus(Duration.ofMinutes(15)), warmth.respondBy());
    }

    @Test
    void theDeadlineCountsFromTheStrongestSignalNotTheNewest() {
        Warmth warmth = score(lead(signal("callback_agreed", Duration.ofMinutes(30)),
                signal("email_open", Duration.ZERO)));
        assertEquals(now().plus(Duration.ofMinutes(30)), warmth.respondBy());
    }

    @Test
    void theDeadlineDoesNotMoveWhileTheLeadWaits() {
        Evidence lead = lead(signal("demo_request", Duration.ofHours(3)));
        Warmth first = score(lead);
        Warmth later = model.score(lead, now().plus(Duration.ofMinutes(20)));
        assertTrue(later.score() < first.score());
        assertEquals(first.respondBy(), later.respondBy());
    }

    @Test
    void aCoolLeadIsDueByTheEndOfTheBusinessDayItArrivedOn() {
        Warmth monday = score(lead(signal("webinar_attended", Duration.ofDays(1))));
        assertEquals(Tier.COOL, monday.tier());
        assertEquals(Instant.parse("2026-11-23T17:30:00Z"), monday.respondBy());

        Instant fridayEvening = Instant.parse("2026-11-27T19:00:00Z");
        Warmth friday = model.score(new Evidence(List.of(new Signal("webinar_attended",
                fridayEvening.minus(Duration.ofDays(1)))), List.of(), fridayEvening), fridayEvening);
        assertEquals(Instant.parse("2026-11-30T17:30:00Z"), friday.respondBy());
    }

    @Test
    void aSignalDatedInTheFutureCountsAsFresh() {
        Warmth ahead = score(lead(new Signal("demo_request", now().plus(Duration.ofMinutes(5)))));
        assertEquals(85, ahead.score());
        assertEquals(now().plus(Duration.ofHours(1)), ahead.respondBy());
    }

    @Test
    void aModelChangeIsScoredUnderItsOwnVersion() {
        ModelDefinition standard = ModelDefinition.standard();
        var signals = new java.util.LinkedHashMap<>(standard.signals());
        signals.put("demo_request", new ModelDefinition.SignalDefinition("strong", 60, Duration.ofHours(12),
                "requested a demo"));
        WarmthModel changed = new WarmthModel(7, new ModelDefinition(signals, standard.furtherSignalShare(),
                standard.qualifyingNotesPoints(), standard.statedTimelinePoints(), standard.timelinePhrases(),
                standard.tiers(), standard.minimumWindow(), standard.businessDay()));
        Warmth warmth = changed.score(lead(signal("demo_request", Duration.ZERO)), now());
        assertEquals(60, warmth.score());
        assertEquals(Tier.WARM, warmth.tier());
        assertEquals(7, warmth.modelVersion());
    }

    private Instant now() {
        return clock.instant();
    }

    private Signal signal(String type, Duration age) {
        return new Signal(type, now().minus(age));
    }

    private Evidence lead(Signal... signals) {
        return new Evidence(List.of(signals), List.of(), now());
    }

    private Warmth score(Evidence lead) {
        return model.score(lead, now());
    }
}
