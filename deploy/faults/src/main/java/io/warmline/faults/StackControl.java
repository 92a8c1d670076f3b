package io.warmline.faults;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Breaks and mends the suite's own stack through the project's scripts (deploy/local/infra.sh, services.sh):
 * kills a service with SIGKILL and starts it again, stops and starts PostgreSQL or the broker. The scripts'
 * output goes to one log file.
 */
final class StackControl {

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
    }

    /** Starts every service that is not running and waits until all four are ready. */
    void startServices() throws Exception {
        script("deploy/local/services.sh", "up");
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
        Process process = new ProcessBuilder(root.resolve(script).toString(), command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        process.getOutputStream().close();
        if (!process.waitFor(Duration.ofMinutes(4).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " " + command + " did not finish within 4 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " " + command + " failed (" + process.exitValue() + "); see " + log);
        }
    }
}
