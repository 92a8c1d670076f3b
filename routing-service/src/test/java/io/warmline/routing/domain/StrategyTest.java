package io.warmline.routing.domain;

import io.warmline.platform.domain.WorkingHours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.warmline.routing.domain.Reps.converting;
import static io.warmline.routing.domain.Reps.rep;
import static io.warmline.routing.domain.Reps.weighted;
import static io.warmline.routing.domain.Reps.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each strategy's order over a sequence of leads, replayed as the dispatcher would: each pick changes the rep. */
class StrategyTest {

    static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    static LeadToRoute lead(String tier) {
        return new LeadToRoute(UUID.randomUUID(), "hot".equals(tier) ? 90 : 50, tier, null, null);
    }

    /** Routes {@code tiers.length} leads one minute apart with the given strategy; the reps chosen, in order. */
    static List<String> sequence(Strategy strategy, List<Candidate> reps, String... tiers) {
        List<Candidate> now = new ArrayList<>(reps);
        String last = null;
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < tiers.length; i++) {
            Instant at = T0.plusSeconds(60L * i);
            Choice choice = Router.place(lead(tiers[i]), now, Map.of("team-a", new Router.TeamPolicy(strategy, last)),
                    at, Set.of()).orElseThrow();
            last = choice.rep().repId();
            chosen.add(last);
            now.replaceAll(rep -> rep.repId().equals(choice.rep().repId()) ? rep.takes(at) : rep);
        }
        return chosen;
    }

    @Test
    void roundRobinTakesTurnsInIdOrder() {
        assertEquals(List.of("ann", "bob", "cat", "ann", "bob"),
                sequence(Strategy.ROUND_ROBIN, List.of(rep("cat"), rep("ann"), rep("bob")),
                        "warm", "warm", "warm", "warm", "warm"));
    }

    @Test
    void weightedRoundRobinGivesLeadsInProportionToWeight() {
        List<Candidate> reps = List.of(weighted(rep("ann"), 2), weighted(rep("bob"), 1));
        List<Candidate> roomy = reps.stream().map(rep -> new Candidate(rep.repId(), rep.teamId(), rep.presence(), 100,
                0, rep.coverage(), rep.hours(), 0, rep.weight(), 0, null)).toList();
        List<String> chosen = sequence(Strategy.WEIGHTED_ROUND_ROBIN, roomy, "warm", "warm", "warm", "warm", "warm",
                "warm");
        assertEquals(List.of("ann", "ann", "bob", "ann", "ann", "bob"), chosen, "2:1, the heavier first on a tie");
    }

    @Test
    void leastLoadedFillsTheEmptiestThenTheLongestIdle() {
        List<Candidate> reps = List.of(with(rep("ann"), 2, T0.minusSeconds(10)), with(rep("bob"), 0, T0.minusSeconds(5)),
                with(rep("cat"), 0, T0.minusSeconds(50)));
        assertEquals(List.of("cat", "bob", "cat", "bob", "ann"),
                sequence(Strategy.LEAST_LOADED, reps, "warm", "warm", "warm", "warm", "warm"));
    }

    @Test
    void longestIdleGoesToWhoeverWaitedLongest() {
        List<Candidate> reps = List.of(with(rep("ann"), 0, T0.minusSeconds(10)), with(rep("bob"), 2, T0.minusSeconds(500)),
                with(rep("cat"), 0, null));
        assertEquals(List.of("cat", "bob", "ann"), sequence(Strategy.LONGEST_IDLE, reps, "warm", "warm", "warm"));
    }

    @Test
    void warmestLeadsGoToTheBestConverters() {
        List<Candidate> reps = List.of(converting(rep("ann"), 0.30), converting(rep("bob"), 0.12),
                converting(rep("cat"), 0.21));
        assertEquals(List.of("ann", "bob", "ann", "ann", "cat"),
                sequence(Strategy.WARMEST_TO_BEST, reps, "hot", "warm", "hot", "hot", "hot"),
                "hot leads to ann (30%) until she is full, then cat (21%); the warm lead to bob (12%)");
    }

    @Test
    void everyChoiceSaysWhyAndWhoElseWasEligible() {
        Choice choice = Router.place(lead("hot"), List.of(rep("bob"), with(rep("ann"), 3, null)), Map.of(), T0,
                Set.of()).orElseThrow();
        assertEquals("bob", choice.rep().repId());
        assertEquals(Strategy.LEAST_LOADED, choice.strategy(), "a team with no settings is least loaded");
        assertEquals(List.of("bob"), choice.candidates());
        assertTrue(choice.reason().startsWith("least loaded: 0 of 3 open"), choice.reason());
    }

    @Test
    void theTeamWithMostRoomServesTheLeadWithItsOwnStrategy() {
        Candidate ann = rep("ann");
        Candidate zed = new Candidate("zed", "team-b", Presence.AVAILABLE, 10, 0, Coverage.EVERYTHING,
                WorkingHours.ALWAYS, 0, 1, 0, null);
        Choice choice = Router.place(lead("warm"), List.of(ann, zed), Map.of("team-b",
                new Router.TeamPolicy(Strategy.ROUND_ROBIN, null)), T0, Set.of()).orElseThrow();
        assertEquals("zed", choice.rep().repId());
        assertEquals(Strategy.ROUND_ROBIN, choice.strategy());
    }

    @Test
    void nobodyEligibleMeansTheLeadWaits() {
        assertTrue(Router.place(lead("hot"), List.of(with(rep("ann"), 3, null)), Map.of(), T0, Set.of()).isEmpty());
    }
}
