package io.warmline.routing.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a team picks one rep among its eligible ones. Every choice says why in words an operator can read back
 * ("why did she get it?"). Ties always end on the rep id, so the same inputs give the same rep.
 */
public enum Strategy {

    /** Each rep in turn, in rep-id order, starting after the team's last pick. */
    ROUND_ROBIN {
        @Override
        Candidate pick(List<Candidate> eligible, LeadToRoute lead, String lastRepId) {
            List<Candidate> byId = eligible.stream().sorted(Comparator.comparing(Candidate::repId)).toList();
            return byId.stream().filter(rep -> lastRepId == null || rep.repId().compareTo(lastRepId) > 0)
                    .findFirst().orElse(byId.get(0));
        }

        @Override
        String rule(Candidate chosen) {
            return "round robin: next in turn after the team's last pick";
        }
    },
    /** Leads in proportion to each rep's weight: the rep furthest behind their share goes next. */
    WEIGHTED_ROUND_ROBIN {
        @Override
        Candidate pick(List<Candidate> eligible, LeadToRoute lead, String lastRepId) {
            return eligible.stream().min(Comparator.<Candidate>comparingDouble(
                            rep -> (rep.assignedTotal() + 1.0) / Math.max(rep.weight(), 1))
                    .thenComparing(rep -> -rep.weight()).thenComparing(Candidate::repId)).orElseThrow();
        }

        @Override
        String rule(Candidate chosen) {
            return "weighted round robin: furthest behind their share (weight " + chosen.weight() + ", "
                    + chosen.assignedTotal() + " leads so far)";
        }
    },
    /** The rep with the smallest share of their capacity in use; the longest idle on a tie. */
    LEAST_LOADED {
        @Override
        Candidate pick(List<Candidate> eligible, LeadToRoute lead, String lastRepId) {
            return eligible.stream().min(Comparator.comparingDouble(Candidate::load).thenComparing(IDLE_FIRST))
                    .orElseThrow();
        }

        @Override
        String rule(Candidate chosen) {
            return "least loaded: " + chosen.openLeads() + " of " + chosen.capacity()
                    + " open, longest since their last lead on a tie";
        }
    },
    /** The rep who has waited longest since their last lead (never given one: first). */
    LONGEST_IDLE {
        @Override
        Candidate pick(List<Candidate> eligible, LeadToRoute lead, String lastRepId) {
            return eligible.stream().min(IDLE_FIRST).orElseThrow();
        }

        @Override
        String rule(Candidate chosen) {
            return "longest idle: last lead " + (chosen.lastAssignedAt() == null ? "never" : "at "
                    + chosen.lastAssignedAt());
        }
    },
    /**
     * Hot leads to the best converter free; cooler leads to the weakest converter free, so the best keep room for
     * the next hot lead (the hour after a hot lead arrives is where conversion is won or lost).
     */
    WARMEST_TO_BEST {
        @Override
        Candidate pick(List<Candidate> eligible, LeadToRoute lead, String lastRepId) {
            Comparator<Candidate> weakestFirst = Comparator.comparingDouble(Candidate::conversionRate);
            Comparator<Candidate> order = lead.hot() ? weakestFirst.reversed() : weakestFirst;
            return eligible.stream().min(order.thenComparing(Candidate::load).thenComparing(IDLE_FIRST)).orElseThrow();
        }

        @Override
        String rule(Candidate chosen) {
            return "warmest leads to the best converters: conversion rate " + chosen.conversionRate();
        }
    };

    private static final Comparator<Candidate> IDLE_FIRST = Comparator
            .comparing(Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(Candidate::repId);

    abstract Candidate pick(List<Candidate> eligible, LeadToRoute lead, String lastRepId);

    abstract String rule(Candidate chosen);

    /** One of the eligible reps (never empty), and the rule that chose them. */
    public Choice choose(List<Candidate> eligible, LeadToRoute lead, String lastRepId) {
        Candidate chosen = pick(eligible, lead, lastRepId);
        return new Choice(chosen, this, rule(chosen), eligible.stream().map(Candidate::repId).sorted().toList());
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Strategy> fromWireName(String name) {
        return Arrays.stream(values()).filter(strategy -> strategy.wireName().equals(name)).findFirst();
    }
}
