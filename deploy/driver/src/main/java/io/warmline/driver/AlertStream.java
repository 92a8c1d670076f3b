package io.warmline.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * A rep's live alert stream (server-sent events), read the way a rep's client reads it. Each alert is kept, and
 * handed with the {@link System#nanoTime()} of its arrival to an optional listener (the benchmark's clock).
 */
public final class AlertStream implements AutoCloseable {

    private final List<JsonNode> alerts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final ObjectMapper json = new ObjectMapper();
    private final BiConsumer<JsonNode, Long> listener;
    private volatile boolean ended;

    public AlertStream(Stack stack, String repId, BiConsumer<JsonNode, Long> listener) {
        this.listener = listener;
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(stack.notification() + "/reps/" + repId + "/alerts/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + stack.tokens().rep(repId)).GET().build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        // A thread of its own per stream: reading blocks, and the common pool may have a single thread.
        Thread reader = new Thread(() -> {
            try {
                response.join().body().forEach(this::line);
            } catch (UncheckedIOException | CompletionException | CancellationException e) {
                // The stream was closed here (close()), or the service went away or could not be reached: it has
                // ended, which is what ended() tells the client. Nothing to report.
            } finally {
                ended = true;
            }
        }, "alerts-" + repId);
        reader.setDaemon(true);
        reader.start();
    }

    public AlertStream(Stack stack, String repId) {
        this(stack, repId, (alert, arrivedAt) -> {
        });
    }

    private void line(String line) {
        if (line.startsWith("data:")) {
            long arrivedAt = System.nanoTime();
            try {
                JsonNode alert = json.readTree(line.substring(5).trim());
                alerts.add(alert);
                listener.accept(alert, arrivedAt);
            } catch (Exception e) {
                throw new IllegalStateException("an alert that is not JSON: " + line, e);
            }
        }
    }

    public boolean connected() {
        return response.isDone() && !response.isCompletedExceptionally() && response.join().statusCode() == 200;
    }

    /** True once the stream has ended or failed (the service went away): a client then opens a new one. */
    public boolean ended() {
        return ended;
    }

    public List<JsonNode> alertsFor(String leadId) {
        return alerts.stream().filter(alert -> leadId.equals(alert.path("leadId").asText())).toList();
    }

    @Override
    public void close() {
        response.thenAccept(open -> open.body().close());
        response.cancel(true);
    }
}
