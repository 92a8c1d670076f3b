package io.warmline.notification.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An independent check of a webhook's signature: the Standard Webhooks reference library (npm {@code standardwebhooks},
 * pinned in {@code src/test/webhook-verifier/package.json}), installed under {@code target/} on first use and run by
 * node. The project's own signing code plays no part in it.
 */
public final class StandardWebhooksVerifier {

    private static final Path SOURCE = Path.of("src", "test", "webhook-verifier");
    private static final Path HOME = Path.of("target", "webhook-verifier");

    private StandardWebhooksVerifier() {
    }

    /** Null when the library verifies the message with the secret, else the library's reason for refusing it. */
    public static synchronized String refusal(String secret, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        install();
        ProcessBuilder node = new ProcessBuilder("node", "verify.js").directory(HOME.toFile())
                .redirectErrorStream(true);
        node.environment().put("WEBHOOK_SECRET", secret);
        Process process = node.start();
        process.getOutputStream().write(new ObjectMapper().writeValueAsBytes(Map.of("body", body,
                "headers", headers)));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("node verify.js did not finish");
        }
        return process.exitValue() == 0 ? null : output;
    }

    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        for (String file : new String[] {"package.json", "verify.js"}) {
            Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(HOME.resolve("node_modules").resolve("standardwebhooks"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-package-lock")
                .directory(HOME.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm install of the Standard Webhooks library failed (node and npm are "
                    + "test prerequisites, deploy/local/prerequisites.sh test): " + output);
        }
    }
}
