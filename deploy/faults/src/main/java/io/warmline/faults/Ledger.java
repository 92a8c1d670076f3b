package io.warmline.faults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reconciliation at the end of a run: what vendors were answered, against what the databases hold and what the
 * dead-letter topics carry. Each rule is a guarantee of the product; a broken one is a {@link Breach} with its
 * evidence. Leads belong to the phase in which their first delivery was sent.
 */
public final class Ledger {

    /** One row of the report's table. */
    public record PhaseFigures(String fault, int sent, int accepted, int alerted, int queued, int lost, int duplicated,
                               int deadLettered, int answers, int answers2xx, int answers503, int unanswered,
                               int otherRefusals, double secondsToRecover) {

        /** Share of the deliveries sent during the phase that intake answered 2xx (1.0 with none sent). */
        public double availability() {
            int tried = answers + unanswered;
            return tried == 0 ? 1.0 : (double) answers2xx / tried;
        }
    }

    public record Reconciliation(List<PhaseFigures> phases, List<Breach> breaches) {
        public boolean balanced() {
            return breaches.isEmpty();
        }
    }

    private final List<Phase> phases;
    private final List<Breach> breaches = new ArrayList<>();

    public Ledger(List<Phase> phases) {
        this.phases = phases.stream().sorted(Comparator.comparingLong(Phase::startMillis)).toList();
    }

    public Reconciliation reconcile(List<Delivery> deliveries, Map<String, StoredLead> stored,
                                    List<TimerStepFiredTwice> timersTwice, List<PoisonEvent> poison,
                                    List<DeadLetter> deadLetters, List<String> unparkedRows,
                                    Map<String, Integer> alertIdsOnStreams) {
        breaches.clear();
        Map<String, List<Delivery>> byLead = deliveries.stream()
                .collect(Collectors.groupingBy(Delivery::vendorLeadId, LinkedHashMap::new, Collectors.toList()));
        Map<String, int[]> figures = new LinkedHashMap<>(); // per phase: sent, accepted, alerted, queued, lost, duplicated
        phases.forEach(p -> figures.put(p.fault(), new int[6]));

        for (Map.Entry<String, List<Delivery>> entry : byLead.entrySet()) {
            List<Delivery> sent = entry.getValue();
            String phase = phaseOf(sent.stream().mapToLong(Delivery::sentAtMillis).min().orElse(0));
            int[] f = figures.get(phase);
            f[0]++;
            StoredLead lead = stored.get(entry.getKey());
            boolean accepted = sent.stream().anyMatch(Delivery::accepted);
            if (accepted) {
                f[1]++;
                acceptedLead(entry.getKey(), sent, lead, phase, f, alertIdsOnStreams);
            } else if (lead != null && sent.stream().allMatch(Delivery::answered)) {
                breach("stored for a refusal", phase, entry.getKey() + " answered only "
                        + sent.stream().map(d -> Integer.toString(d.status())).distinct().toList()
                        + " yet intake stored lead " + lead.leadId());
            }
            if (lead != null && lead.alerts() > 0) {
                f[2]++;
            } else if (lead != null && lead.queued()) {
                f[3]++;
            }
            if (lead != null && (lead.alerts() > Math.max(1, lead.assignments()) || lead.currentAssignments() > 1)) {
                f[5]++;
            }
        }
        for (TimerStepFiredTwice twice : timersTwice) {
            breach("reminder or escalation step fired twice", "-", "lead " + twice.leadId() + " assignment "
                    + twice.assignmentNumber() + " " + twice.kind() + " step " + twice.step() + ": " + twice.times()
                    + " times");
        }
        deadLetters(poison, deadLetters);
        for (String row : unparkedRows) {
            breach("event for a missing topic not parked", "-", row);
        }

        Map<String, Integer> deadPerPhase = new HashMap<>();
        deadLetters.forEach(d -> deadPerPhase.merge(phaseOf(d.timestampMillis()), 1, Integer::sum));
        List<PhaseFigures> rows = new ArrayList<>();
        for (Phase phase : phases) {
            int[] f = figures.get(phase.fault());
            List<Delivery> during = deliveries.stream().filter(d -> phase.contains(d.sentAtMillis())).toList();
            int answers = (int) during.stream().filter(Delivery::answered).count();
            int ok = (int) during.stream().filter(Delivery::accepted).count();
            int later = (int) during.stream().filter(Delivery::retryLater).count();
            int unanswered = during.size() - answers;
            int other = answers - ok - later;
            PhaseFigures row = new PhaseFigures(phase.fault(), f[0], f[1], f[2], f[3], f[4], f[5],
                    deadPerPhase.getOrDefault(phase.fault(), 0), answers, ok, later, unanswered, other,
                    phase.secondsToRecover());
            rows.add(row);
            if (other > 0) {
                breach("refusal other than 503 with Retry-After", phase.fault(), other + " answers: "
                        + during.stream().filter(d -> d.answered() && !d.accepted() && !d.retryLater())
                        .map(d -> d.status() + (d.retryAfter() ? "+Retry-After" : "")).distinct().toList());
            }
            if (phase.availabilityGoal() > 0 && row.availability() < phase.availabilityGoal()) {
                breach("intake availability below its goal", phase.fault(), String.format(
                        "%.4f of deliveries answered 2xx, goal %.4f (%d sent, %d 503, %d unanswered)",
                        row.availability(), phase.availabilityGoal(), during.size(), later, unanswered));
            }
        }
        return new Reconciliation(rows, List.copyOf(breaches));
    }

    private void acceptedLead(String vendorLeadId, List<Delivery> sent, StoredLead lead, String phase, int[] f,
                              Map<String, Integer> alertIdsOnStreams) {
        Set<String> ids = sent.stream().filter(Delivery::accepted).map(Delivery::leadId).collect(Collectors.toSet());
        if (ids.size() > 1) {
            breach("one lead answered with two lead ids", phase, vendorLeadId + ": " + ids);
        }
        if (lead == null) {
            f[4]++;
            breach("accepted but not stored", phase, vendorLeadId + " answered 2xx with " + ids
                    + " but intake has no such lead");
            return;
        }
        if (!ids.contains(lead.leadId())) {
            breach("one lead answered with two lead ids", phase, vendorLeadId + " answered " + ids
                    + " but intake stored " + lead.leadId());
        }
        if (lead.alerts() == 0 && !lead.queued()) {
            f[4]++;
            breach("lost: accepted, neither alerted nor queued", phase, vendorLeadId + " lead " + lead.leadId()
                    + ": " + lead.furthestStage());
        }
        if (lead.alerts() > Math.max(1, lead.assignments())) {
            breach("alerted twice", phase, "lead " + lead.leadId() + ": " + lead.alerts() + " alerts for "
                    + lead.assignments() + " assignment(s)");
        }
        int onStreams = alertIdsOnStreams.getOrDefault(lead.leadId(), 0);
        if (lead.alerts() > 0 && onStreams == 0) {
            breach("alert never reached the rep's stream", phase, "lead " + lead.leadId() + ": " + lead.alerts()
                    + " alert(s) stored, none seen on a stream (a stream opened anew replays the last 24 hours)");
        }
        if (onStreams > Math.max(1, lead.assignments())) {
            breach("alerted twice on the rep's stream", phase, "lead " + lead.leadId() + ": " + onStreams
                    + " distinct alert ids seen for " + lead.assignments() + " assignment(s)");
        }
        if (lead.currentAssignments() > 1) {
            breach("two open assignments", phase, "lead " + lead.leadId() + ": " + lead.currentAssignments());
        }
        if (lead.assignments() > 1) {
            // No deadline lapses within a run (the suite's policy has its deadline at +90 min): a second assignment is a double.
            breach("assigned more than once", phase, "lead " + lead.leadId() + ": " + lead.assignments()
                    + " assignments");
        }
    }

    private void deadLetters(List<PoisonEvent> poison, List<DeadLetter> deadLetters) {
        Map<String, PoisonEvent> byValue = new HashMap<>();
        poison.forEach(p -> byValue.put(p.value(), p));
        Set<String> seen = new HashSet<>();
        for (DeadLetter letter : deadLetters) {
            PoisonEvent injected = byValue.get(letter.value());
            String phase = phaseOf(letter.timestampMillis());
            if (injected == null) {
                breach("dead letter that was not injected poison", phase, letter.topic() + ": "
                        + abbreviate(letter.value()));
            } else if (!injected.expectedDeadLetterTopics().contains(letter.topic())) {
                breach("poison dead-lettered by the wrong channel", phase, injected.topic() + " on " + letter.topic());
            } else if (!seen.add(letter.topic() + "|" + letter.value())) {
                breach("poison dead-lettered twice", phase, injected.topic() + " on " + letter.topic());
            }
        }
        for (PoisonEvent injected : poison) {
            for (String topic : injected.expectedDeadLetterTopics()) {
                if (!seen.contains(topic + "|" + injected.value())) {
                    breach("poison not dead-lettered", "-", injected.topic() + " expected on " + topic);
                }
            }
        }
    }

    private String phaseOf(long millis) {
        for (int i = phases.size() - 1; i >= 0; i--) {
            if (millis >= phases.get(i).startMillis()) {
                return phases.get(i).fault();
            }
        }
        return phases.get(0).fault();
    }

    private void breach(String rule, String phase, String evidence) {
        breaches.add(new Breach(rule, phase, evidence));
    }

    private static String abbreviate(String value) {
        return value.length() <= 200 ? value : value.substring(0, 200) + "...";
    }
}
