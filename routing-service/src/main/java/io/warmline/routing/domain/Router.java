package io.warmline.routing.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Places one lead: the eligible reps, then the team with the most free room among them (a lead belongs to no team
 * until it is placed), then that team's strategy. Empty when nobody is eligible: the lead waits.
 */
public final class Router {

    private Router() {
    }

    /** A team's routing settings: its strategy and the rep round robin picked last. */
    public record TeamPolicy(Strategy strategy, String lastRepId) {
        public static final TeamPolicy DEFAULT = new TeamPolicy(Strategy.LEAST_LOADED, null);
    }

    public static Optional<Choice> place(LeadToRoute lead, List<Candidate> reps, Map<String, TeamPolicy> teams,
                                         Instant now, Set<String> excluded) {
        List<Candidate> eligible = Eligibility.eligible(reps, lead, now, excluded);
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Candidate>> byTeam = eligible.stream().collect(Collectors.groupingBy(Candidate::teamId));
        String team = byTeam.entrySet().stream()
                .min(Comparator.<Map.Entry<String, List<Candidate>>>comparingInt(entry -> -freeRoom(entry.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .orElseThrow().getKey();
        TeamPolicy policy = teams.getOrDefault(team, TeamPolicy.DEFAULT);
        return Optional.of(policy.strategy().choose(byTeam.get(team), lead, policy.lastRepId()));
    }

    private static int freeRoom(List<Candidate> reps) {
        return reps.stream().mapToInt(rep -> rep.capacity() - rep.openLeads()).sum();
    }
}
