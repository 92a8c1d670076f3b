package io.warmline.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the run's report: report.md (the table per fault, the broken guarantees with their evidence, the method),
 * phases.csv, breaches.csv, deliveries.csv.gz (every delivery and its answer) and results.json.
 */
final class Report {

    private final FaultSuite.Options options;
    private final String run;
    private final long startedAt;
    private final List<Phase> phases;
    private final Ledger.Reconciliation result;
    private final List<String> notes;
    private final List<Delivery> deliveries;
    private final Map<String, Integer> alertsSeen;

    Report(FaultSuite.Options options, String run, long startedAt, List<Phase> phases, Ledger.Reconciliation result,
           List<String> notes, List<Delivery> deliveries, Map<String, Integer> alertsSeen) {
        this.options = options;
        this.run = run;
        this.startedAt = startedAt;
        this.phases = phases;
        this.result = result;
        this.notes = notes;
        this.deliveries = deliveries;
        this.alertsSeen = alertsSeen;
    }

    void write(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown());
        StringBuilder csv = new StringBuilder("fault,sent,accepted,alerted,queued,lost,duplicated,dead_lettered,"
                + "answers,answers_2xx,answers_503_retry_after,unanswered,other_refusals,availability,seconds_to_recover\n");
        for (Ledger.PhaseFigures f : result.phases()) {
            csv.append(String.join(",", quote(f.fault()), i(f.sent()), i(f.accepted()), i(f.alerted()), i(f.queued()),
                    i(f.lost()), i(f.duplicated()), i(f.deadLettered()), i(f.answers()), i(f.answers2xx()),
                    i(f.answers503()), i(f.unanswered()), i(f.otherRefusals()), String.format("%.5f", f.availability()),
                    String.format("%.1f", f.secondsToRecover()))).append('\n');
        }
        Files.writeString(dir.resolve("phases.csv"), csv);
        StringBuilder breaches = new StringBuilder("rule,phase,evidence\n");
        result.breaches().forEach(b -> breaches.append(quote(b.rule())).append(',').append(quote(b.phase()))
                .append(',').append(quote(b.evidence())).append('\n'));
        Files.writeString(dir.resolve("breaches.csv"), breaches);
        StringBuilder raw = new StringBuilder("vendor_lead_id,webhook_id,attempt,duplicate,sent_at_ms,status,retry_after,lead_id,error\n");
        deliveries.stream().sorted((a, b) -> Long.compare(a.sentAtMillis(), b.sentAtMillis())).forEach(d -> raw
                .append(String.join(",", d.vendorLeadId(), d.webhookId(), i(d.attempt()), Boolean.toString(d.duplicate()),
                        Long.toString(d.sentAtMillis()), i(d.status()), Boolean.toString(d.retryAfter()),
                        d.leadId() == null ? "" : d.leadId(), d.error() == null ? "" : d.error())).append('\n'));
        // Every retry against a service that is down is a row: a few MB, so compressed.
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("deliveries.csv.gz")))) {
            out.write(raw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        json.put("startedAt", Instant.ofEpochMilli(startedAt).toString());
        json.put("options", Map.of("quick", options.quick(), "leadsPerSecond", options.rate(),
                "outageSeconds", options.outageSeconds(), "recoverySeconds", options.recoverySeconds()));
        json.put("balanced", result.balanced());
        json.put("phases", phases);
        json.put("figures", result.phases());
        json.put("breaches", result.breaches());
        json.put("notes", notes);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), json);
    }

    private String markdown() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# Warmline under faults\n\n");
        md.append("Run `").append(run).append("` started ").append(Instant.ofEpochMilli(startedAt)).append(" by `deploy/faults/run.sh")
                .append(options.quick() ? " --quick" : "").append("` on ").append(machine()).append(".\n\n");
        md.append(result.balanced() ? "**The ledger balances**: no broken guarantee.\n\n"
                : "**The ledger does not balance: " + result.breaches().size() + " broken guarantees** (below, with "
                + "their evidence; all in `breaches.csv`).\n\n");
        md.append("| fault | leads sent | accepted | alerted | queued | lost | duplicated | dead-lettered | intake 2xx "
                + "| 503 + Retry-After | unanswered | other refusals | time to recover |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Ledger.PhaseFigures f : result.phases()) {
            md.append("| ").append(f.fault()).append(" | ").append(f.sent()).append(" | ").append(f.accepted())
                    .append(" | ").append(f.alerted()).append(" | ").append(f.queued()).append(" | ").append(f.lost())
                    .append(" | ").append(f.duplicated()).append(" | ").append(f.deadLettered()).append(" | ")
                    .append(String.format("%.2f%%", 100 * f.availability())).append(" | ").append(f.answers503())
                    .append(" | ").append(f.unanswered()).append(" | ").append(f.otherRefusals()).append(" | ")
                    .append(f.secondsToRecover() < 0 ? "not within " + options.recoverySeconds() + " s"
                            : String.format("%.1f s", f.secondsToRecover())).append(" |\n");
        }
        md.append("\nLeads belong to the phase in which their first delivery was sent; intake 2xx is the share of all ")
                .append("deliveries sent during the phase (retries and duplicates included) that intake answered 2xx; ")
                .append("unanswered = no answer within 5 s or the connection refused (the service was down).\n\n");
        if (!result.balanced()) {
            md.append("## Broken guarantees\n\n");
            Map<String, List<Breach>> byRule = result.breaches().stream()
                    .collect(Collectors.groupingBy(Breach::rule, LinkedHashMap::new, Collectors.toList()));
            byRule.forEach((rule, list) -> {
                md.append("- **").append(rule).append("**: ").append(list.size()).append(", by phase ")
                        .append(String.valueOf(list.stream().collect(Collectors.groupingBy(Breach::phase,
                                LinkedHashMap::new, Collectors.counting())))).append("; e.g.\n");
                list.stream().limit(5).forEach(b -> md.append("  - [").append(b.phase()).append("] ")
                        .append(b.evidence().replace("|", "\\|")).append('\n'));
            });
            md.append('\n');
        }
        md.append("## Notes from the run\n\n");
        notes.forEach(n -> md.append("- ").append(n.replace("\n", " ")).append('\n'));
        long multi = alertsSeen.values().stream().filter(n -> n > 1).count();
        md.append("- alerts (not reminders) seen on the reps' streams: ").append(alertsSeen.size()).append(" leads, ")
                .append(multi).append(" of them with more than one alert id\n\n");
        md.append("""
                ## Method

                `deploy/faults/run.sh` builds the services and this suite, starts a fresh `faults` stack (Kafka,
                PostgreSQL and the four packaged services, ports in `deploy/local/stacks.sh`) and runs
                `io.warmline.faults.FaultSuite` against it; it stops everything it started on success and on failure
                and keeps the stack's logs of a failed run under `deploy/faults/target/stack-logs/`.

                - **Load.** 4 vendors post signed leads at a steady open-loop rate (each lead due at start + i / rate,
                  whatever the answers) with their own contact details. A vendor client retries a 5xx, a 429 or no
                  answer within 5 s with the same `webhook-id` (after `Retry-After` when given, else 0.5 s doubling to
                  8 s, up to 60 attempts), and delivers 5 % of accepted leads a second time with the same `webhook-id`.
                  6 reps (capacity 100, the most a rep may hold) keep their SSE alert streams open (reopened when the
                  service went away) and log a connected call with a proposal next week for each lead alerted to them:
                  two leads in three at once, the third only when its first reminder reaches the rep's stream (or
                  after 120 s without one), so reminders come due and fire through the faults.
                - **Timers.** Before the load starts an operator publishes, for every tier, an escalation policy in
                  seconds (`PUT /escalation-policies/{tier}/*`): the rep reminded at +20 s and +40 s on the live
                  stream, no repeat, the deadline at +90 min (beyond the run: no lead lapses, so a second assignment
                  is a double). A follow-up cancels the lead's pending steps.
                - **Faults, one after another while the load runs**, each followed by recovery (intake answers 2xx
                  again and every lead it stored since the previous check is alerted or queued) and a steady stretch:
                  `kill -9` of intake, scoring, routing and notification in turn (restarted by `services.sh up`);
                  then **two replicas of each service**: replica 2 of all four started (`WARMLINE_REPLICA=2
                  services.sh up`: other ports, the same schemas and Kafka consumer groups, so the broker splits the
                  partitions), vendors' deliveries spread over both intakes in turn as a load balancer would
                  (passing over one that refused a connection for 5 s), the reps' streams spread over both
                  notification instances (rep i on instance i mod 2, reopened on the next one in turn when it ends)
                  and their follow-ups over both routing instances; then replica 1 of all four services `kill -9`ed
                  at once, mid-flow, while replica 2 carries everything alone, and started again; then replica 2
                  taken out of the balancing and stopped (SIGTERM: a scale-in). Then
                  PostgreSQL stopped then started (`infra.sh pg-stop`/`pg-start`); the broker stopped then started
                  (`infra.sh kafka-stop`/`kafka-start`); one unreadable record on each consumed topic; a row for a
                  topic that does not exist in routing-service's `outbox_event` (it must show in
                  `GET /operations/outbox/parked`). Then the load stops and the last leads drain.
                - **Live alerts with two notification replicas.** An alert reaches live only the streams open on
                  the replica that stored it (a known gap, issue 16); a rep whose stream is on the other replica gets
                  it on the replay when the stream is next opened (here at the latest when the replicas are scaled
                  in). The ledger's rule below is "seen on the rep's stream, live or on a replay"; the notes give how
                  many alerts arrived within 10 s and how many only later, by phase, so the gap is counted, not hidden.
                - **Ledger** (`Ledger`, unit-tested): from every delivery and answer, what the four schemas hold
                  (read as the superuser) and every record on the dead-letter topics. Rules: every lead answered 2xx
                  is stored and alerted, or still waits in the queue (else *lost*, with the furthest stage it
                  reached); all 2xx answers of one lead name the lead intake stored; no lead with more alerts than
                  assignments, two open assignments, or a second assignment (no deadline lapses within a run); every
                  stored alert seen on its rep's stream, with one alert id per assignment (reminders are counted
                  apart: they are new stream events about a lead already alerted); no timer step of an assignment
                  fired or delivered twice, and no reminder stored twice on a rep's stream for the same lead and
                  step; dead letters are exactly the injected poison,
                  each once on each consuming service's dead-letter topic; no lead stored when every answer to it
                  was a refusal; every refusal is a 503 with `Retry-After`; intake keeps 99.9 % 2xx through the broker
                  outage; the missing topic's row is parked.

                Raw data: `phases.csv` (this table), `breaches.csv`, `deliveries.csv.gz` (every delivery: lead, webhook
                id, attempt, duplicate or not, when, status, Retry-After, lead id answered), `results.json`.
                """);
        return md.toString();
    }

    private static String machine() {
        try {
            String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), Java "
                    + System.getProperty("java.version") + ", everything co-located";
        } catch (Exception e) {
            return Runtime.getRuntime().availableProcessors() + " cores";
        }
    }

    private static String i(int value) {
        return Integer.toString(value);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
