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
 * kills a service (or one replica of it) with SIGKILL and starts it again, starts and stops second replicas, stops
 * and starts PostgreSQL or the broker. The scripts' output goes to one log file. Replica r of a service listens on
 * the stack's base port + 20 * (r - 1) + the service's index (services.sh).
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
        kill(service, 1);
    }

    /** kill -9 of one replica of a service, waiting until it is gone. */
    void kill(String service, int replica) throws Exception {
        String name = name(service, replica);
        long pid = Long.parseLong(Files.readString(root.resolve("deploy/local/var/" + stack + "/" + name
                + ".pid")).trim());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") is not running"));
        process.destroyForcibly(); // SIGKILL
        process.onExit().get(30, TimeUnit.SECONDS);
        // Keep the killed one's log apart, the evidence of what it did.
        Path logs = root.resolve("deploy/local/var/" + stack + "/logs");
        Path current = logs.resolve(name + ".log");
        if (Files.exists(current)) {
            Files.move(current, logs.resolve(name + ".killed-" + System.currentTimeMillis() + ".log"));
        }
    }

    /** Starts every service (replica 1) that is not running and waits until all four are ready. */
    void startServices() throws Exception {
        script("deploy/local/services.sh", "up", Duration.ofSeconds(150));
    }

    /**
     * Starts all four services (replica 1) after they were killed together: four JVMs starting at once on a busy
     * 2-core machine, while the other replicas carry the load, need longer than one (measured: up to 100 s for one
     * of them at a load average of 25), so they get the allowance of an orchestrator's startup probe, 300 s.
     */
    void startServicesTogether() throws Exception {
        script("deploy/local/services.sh", "up", Duration.ofSeconds(330), "WARMLINE_READY_WAIT", "300");
    }

    /** Starts replica {@code replica} of each of the four services and waits until they are ready. */
    void startReplicas(int replica) throws Exception {
        script("deploy/local/services.sh", "up", Duration.ofSeconds(150), "WARMLINE_REPLICA", Integer.toString(replica));
    }

    /** Stops replica {@code replica} of each of the four services (SIGTERM: a scale-in). */
    void stopReplicas(int replica) throws Exception {
        script("deploy/local/services.sh", "down", Duration.ofSeconds(150), "WARMLINE_REPLICA",
                Integer.toString(replica));
    }

    /** The base URL of one replica of a service. */
    static String url(String service, int replica) {
        return "http://127.0.0.1:" + port(service, replica);
    }

    private static String name(String service, int replica) {
        return replica == 1 ? service + "-service" : service + "-service-" + replica;
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
            int status = HTTP.send(HttpRequest.newBuilder(URI.create(url(service, 1) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static int port(String service, int replica) {
        int base = Integer.parseInt(System.getenv().getOrDefault("BASE_PORT", "27080"));
        return base + 20 * (replica - 1) + 1 + List.of("intake", "scoring", "routing", "notification").indexOf(service);
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

    private void script(String script, String command, Duration limit, String... environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(root.resolve(script).toString(), command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        for (int i = 0; i + 1 < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
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
