package io.warmline.notification.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A rep's app, as far as the tests need one: opens {@code /reps/{repId}/alerts/stream} over plain HTTP and records
 * every server-sent event and comment as it arrives (parsed per the SSE spec, not by the code under test).
 */
public final class AlertStreamClient implements AutoCloseable {

    /** One dispatched server-sent event; {@code data} is the alert JSON, {@code id} its position in the stream. */
    public record Event(String id, String name, JsonNode data) {
        public long alertId() {
            return data.get("alertId").asLong();
        }

        public long position() {
            return Long.parseLong(id);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Events and comments in arrival order; a comment is recorded as an Event with name ":" and the text as id. */
    private final List<Event> received = new CopyOnWriteArrayList<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private AlertStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects; returns once the response headers arrived. {@code lastEventId} may be null. */
    public static AlertStreamClient open(URI baseUri, String repId, String lastEventId) {
        return open(baseUri, repId, lastEventId, io.warmline.notification.testing.Tokens.rep(repId));
    }

    /** Connects with this bearer token. */
    public static AlertStreamClient open(URI baseUri, String repId, String lastEventId, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve("/reps/" + repId + "/alerts/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(30, TimeUnit.SECONDS);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("stream answered " + response.statusCode());
            }
            return new AlertStreamClient(response);
        } catch (Exception e) {
            throw new IllegalStateException("could not open the alert stream of " + repId, e);
        }
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The alert events received so far, in order. */
    public List<Event> alerts() {
        return received.stream().filter(event -> !":".equals(event.name())).toList();
    }

    /** True once the server said every stored alert has been sent (what follows is live). */
    public boolean caughtUp() {
        return received.stream().anyMatch(event -> ":".equals(event.name()) && "caught up".equals(event.id()));
    }

    /** How many keep-alive comments arrived so far. */
    public long keepAlives() {
        return received.stream().filter(event -> ":".equals(event.name()) && "keep-alive".equals(event.id())).count();
    }

    /** The alert events received before the caught-up comment: the replay. */
    public List<Event> replayed() {
        List<Event> replay = new ArrayList<>();
        for (Event event : received) {
            if (":".equals(event.name())) {
                if ("caught up".equals(event.id())) {
                    return replay;
                }
            } else {
                replay.add(event);
            }
        }
        throw new IllegalStateException("not caught up yet");
    }

    /** The alert events received after the caught-up comment: the live ones. */
    public List<Event> live() {
        List<Event> after = alerts();
        return after.subList(replayed().size(), after.size());
    }

    /** True once the server ended the stream (its response body is complete). */
    public boolean ended() {
        return !reader.isAlive();
    }

    @Override
    public void close() {
        response.body().close();
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        received.add(new Event(id, name == null ? "message" : name, parse(data.toString())));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    received.add(new Event(field(line, 1), ":", null));
                } else if (line.startsWith("id:")) {
                    id = field(line, 3);
                } else if (line.startsWith("event:")) {
                    name = field(line, 6);
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(field(line, 5));
                }
            }
        } catch (UncheckedIOException | IllegalStateException closed) {
            // The test closed the stream.
        }
    }

    private static String field(String line, int from) {
        String value = line.substring(from);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
