package io.warmline.e2e;

import java.util.List;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** One scrape of a service's /q/metrics (Prometheus text format), summed by metric name and label filter. */
final class Metrics {

    private final List<String> lines;
    final String text;

    private Metrics(String text) {
        this.text = text;
        this.lines = text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }

    static Metrics scrape(String baseUrl) {
        return new Metrics(given().baseUri(baseUrl).get("/q/metrics").then().statusCode(200).extract().asString());
    }

    boolean has(String name) {
        return lines.stream().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    double sum(String name) {
        return sum(name, labels -> true);
    }

    double sum(String name, Predicate<String> labels) {
        return lines.stream()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.test(line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : ""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
