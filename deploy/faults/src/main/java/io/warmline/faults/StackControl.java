package io.warmline.faults;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Breaks and mends the suite's own stack through the project's scripts (deploy/local/infra.sh, services.sh):
 * kills a service with SIGKILL and starts it again, stops and starts PostgreSQL or the broker. The scripts'
 * output goes to one log file.
 */
final class StackControl {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path root;
    private final String stack;
    private final File log;

    StackControl(Path root, String stack, Path log) throws IOException {
        this.root = root;
        this.stack = stack;
        Files.createDirectories(log.getParent());
        this.log = log.toFile();
    }

    /** kill -9 of one service ({@code intake}, {@code scoring}, ...), waiting until it is gone. */
    void kill(String service) throws Exception {
        long pid = Long.parseLong(Files.readString(root.resolve("deploy/local/var/" + stack + "/" + service
                + "-service.pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(service + "-service (pid " + pid + ") is not running"));
        process.destroyForcibly(); // SIGKILL
        process.onExit().get(30, TimeUnit.SECONDS);
        // services.sh starts the service on a fresh log: keep the killed one's, the evidence of what it did.
        Path logs = root.resolve("deploy/local/var/" + stack + "/logs");
        Path current = logs.resolve(service + "-service.log");
        if (Files.exists(current)) {
            Files.move(current, logs.resolve(service + "-service.killed-" + System.currentTimeMillis() + ".log"));
        }
    }

    /** Starts every service that is not running and waits until all four are ready. */
    void startServices() throws Exception {
        script("deploy/local/services.sh", "up", Duration.ofSeconds(150));
    }

    /**
     * What an orchestrator's liveness probe does: a service that runs but is not ready is killed and started again.
     * Answers the services it restarted.
     */
    List<String> restartUnready(List<String> services) {
        List<String> restarted = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<String> unready = services.stream().filter(service -> !ready(service)).toList();
            if (unready.isEmpty()) {
                break;
            }
            for (String service : unready) {
                restarted.add(service);
                try {
                    kill(service);
                } catch (Exception e) {
                    // not running at all: services.sh starts it
                }
            }
            try {
                startServices();
            } catch (Exception e) {
                // not ready again: the next round kills it again
            }
        }
        return restarted;
    }

    private boolean ready(String service) {
        try {
            int status = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private int port(String service) {
        int base = Integer.parseInt(System.getenv().getOrDefault("BASE_PORT", "27080"));
        return base + 1 + List.of("intake", "scoring", "routing", "notification").indexOf(service);
    }

    void stopPostgres() throws Exception {
        script("deploy/local/infra.sh", "pg-stop");
    }

    void startPostgres() throws Exception {
        script("deploy/local/infra.sh", "pg-start");
    }

    void stopBroker() throws Exception {
        script("deploy/local/infra.sh", "kafka-stop");
    }

    void startBroker() throws Exception {
        script("deploy/local/infra.sh", "kafka-start");
    }

    private void script(String script, String command) throws Exception {
        script(script, command, Duration.ofMinutes(4));
    }

    private void script(String script, String command, Duration limit) throws Exception {
        Process process = new ProcessBuilder(root.resolve(script).toString(), command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        process.getOutputStream().close();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException(script + " " + command + " did not finish within " + limit.toSeconds()
                    + " s; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " " + command + " failed (" + process.exitValue() + "); see " + log);
        }
    }
}
