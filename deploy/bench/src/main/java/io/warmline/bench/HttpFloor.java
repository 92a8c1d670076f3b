package io.warmline.bench;

import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;

/** The floor of an HTTP accept on this machine: a minimal endpoint answering 202, posted to like a webhook. */
final class HttpFloor {

    static Percentiles measure(int perSecond, int seconds, String body) throws Exception {
        // The JDK server writes the headers and the body apart; with Nagle's algorithm on, the body waits for the
        // client's delayed ACK of the headers (about 40 ms), a cost of this endpoint that the services (Vert.x, no
        // delay) do not pay: a run measured a 44 ms "floor" that way.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/accept", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{\"status\":\"received\"}".getBytes();
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        Histogram micros = Percentiles.histogram();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/accept");
            OpenLoop.run(perSecond, seconds, due -> client.sendAsync(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .thenRun(() -> micros.recordValue(Math.max(0, (System.nanoTime() - due) / 1000))));
            Thread.sleep(2000);
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
        return Percentiles.of(micros);
    }

    private HttpFloor() {
    }
}
