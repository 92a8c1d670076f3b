package io.warmline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How well the services' outbox producers batch: records sent and requests made, from the Kafka client metrics each
 * service exports on /q/metrics (Micrometer's Kafka binder), read before and after a step.
 */
final class ProducerBatching {

    private static final Pattern SERIES = Pattern.compile(
            "^kafka_producer_(record_send_total|request_total)\\{[^}]*client_id=\"kafka-producer-outbox\"[^}]*} ([0-9.eE+-]+)$");

    /** Records sent and requests made by one service's outbox producer. */
    record Counts(double records, double requests) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, String> services;

    /** {@code services}: name to base URL. */
    ProducerBatching(Map<String, String> services) {
        this.services = services;
    }

    Map<String, Counts> sample() {
        Map<String, Counts> counts = new LinkedHashMap<>();
        services.forEach((name, url) -> counts.put(name, read(url)));
        return counts;
    }

    /** Records per request for each service between two samples (requests include metadata requests). */
    static Map<String, Double> recordsPerRequest(Map<String, Counts> before, Map<String, Counts> after) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        after.forEach((name, end) -> {
            Counts start = before.getOrDefault(name, new Counts(0, 0));
            double requests = end.requests() - start.requests();
            ratios.put(name, requests <= 0 ? 0.0 : Math.round((end.records() - start.records()) / requests * 100)
                    / 100.0);
        });
        return ratios;
    }

    private Counts read(String url) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return parse(body);
        } catch (Exception e) {
            return new Counts(0, 0);
        }
    }

    static Counts parse(String metrics) {
        double records = 0;
        double requests = 0;
        for (String line : metrics.split("\n")) {
            Matcher m = SERIES.matcher(line);
            if (m.matches()) {
                double value = Double.parseDouble(m.group(2));
                if (m.group(1).equals("record_send_total")) {
                    records += value;
                } else {
                    requests += value;
                }
            }
        }
        return new Counts(records, requests);
    }
}
