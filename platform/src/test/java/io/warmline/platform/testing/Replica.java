package io.warmline.platform.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One replica of the module's service for integration tests: the packaged jar ({@code target/quarkus-app}) as its own
 * process on a free port, with its log under {@code target/two-instances/}. It reaches the module's broker and database
 * ({@link Stack}) through the same environment variables as the deployed service, and verifies tokens with the given
 * key; {@code settings} adds environment variables of its own.
 */
public final class Replica implements AutoCloseable {

    /** What the replica answered. */
    public record Answer(int status, String body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private Replica(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the process; {@link #awaitReady} waits for it, so several replicas can start side by side. */
    public static Replica start(String name, String publicKeyLocation) throws IOException {
        return start(name, publicKeyLocation, java.util.Map.of());
    }

    public static Replica start(String name, String publicKeyLocation, java.util.Map<String, String> settings)
            throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = Files.createDirectories(Path.of("target", "two-instances")).resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Stack.module().environment());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_PROFILE", "prod");
        builder.environment().put("WARMLINE_JWT_PUBLIC_KEY", publicKeyLocation);
        // A production start refuses the role-named default password (StartGuard); the test stacks' PostgreSQL
        // trusts every connection, so any other password logs in.
        builder.environment().put("WARMLINE_DB_PASSWORD", "replica-" + java.util.UUID.randomUUID());
        builder.environment().putAll(settings);
        return new Replica(name, port, builder.start(), log);
    }

    public void awaitReady(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited, see " + log.toAbsolutePath());
            }
            try {
                if (send("GET", "/q/health/ready", null, null).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // still starting
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + " not ready in " + patience + ", see " + log.toAbsolutePath());
            }
            Thread.sleep(250);
        }
    }

    /** One request with an optional bearer token and JSON body; a transport failure is an IllegalStateException. */
    public Answer send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " on " + name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Ends the process at once, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
