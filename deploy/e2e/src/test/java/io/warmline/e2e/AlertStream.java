package io.warmline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A rep's live alert stream (server-sent events), read the way a rep's client reads it. */
final class AlertStream implements AutoCloseable {

    private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final ObjectMapper json = new ObjectMapper();

    AlertStream(String repId) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(Warmline.NOTIFICATION + "/reps/" + repId + "/alerts/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + Tokens.rep(repId)).GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(open -> open.body().forEach(this::line));
    }

    private void line(String line) {
        if (line.startsWith("data:")) {
            try {
                alerts.add(json.readTree(line.substring(5).trim()));
            } catch (Exception e) {
                throw new IllegalStateException("an alert that is not JSON: " + line, e);
            }
        }
    }

    boolean connected() {
        return response.isDone() && !response.isCompletedExceptionally() && response.join().statusCode() == 200;
    }

    List<JsonNode> alertsFor(String leadId) {
        return alerts.stream().filter(alert -> leadId.equals(alert.path("leadId").asText())).toList();
    }

    @Override
    public void close() {
        response.thenAccept(open -> open.body().close());
        response.cancel(true);
    }
}
