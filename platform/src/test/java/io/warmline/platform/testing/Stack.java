package io.warmline.platform.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The test's own stack (the one {@code deploy/test.sh} started for this module, named by {@code WARMLINE_STACK}),
 * for tests that inject real faults: PostgreSQL stopped and started by {@code deploy/local/infra.sh}.
 */
public final class Stack {

    private static final File LOG = new File("target", "stack-faults.log");

    private Stack() {
    }

    public static void stopDatabase() {
        infra("pg-stop");
    }

    public static void startDatabase() {
        infra("pg-start");
    }

    private static void infra(String command) {
        String stack = System.getenv("WARMLINE_STACK");
        if (stack == null) {
            throw new IllegalStateException("WARMLINE_STACK is not set: a fault test stops only its own stack's "
                    + "database; run it with deploy/test.sh");
        }
        Path script = Path.of("..", "deploy", "local", "infra.sh");
        try {
            Files.createDirectories(LOG.toPath().getParent());
            Process process = new ProcessBuilder(script.toString(), command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG)).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("infra.sh " + command + " did not finish; see " + LOG.getAbsolutePath());
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("infra.sh " + command + " failed for stack " + stack + "; see "
                        + LOG.getAbsolutePath() + " and deploy/local/var/" + stack + "/logs");
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
