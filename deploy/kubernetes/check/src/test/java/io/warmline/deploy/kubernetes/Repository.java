package io.warmline.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The repository the tests check (this module is deploy/kubernetes/check) and its kustomization, rendered. */
final class Repository {

    static final Path ROOT = Path.of("../../..").toAbsolutePath().normalize();
    static final Path KUSTOMIZATION = ROOT.resolve("deploy/kubernetes");
    static final Path RENDERED = Path.of("target/rendered.yaml").toAbsolutePath();

    private static List<JsonNode> rendered;

    private Repository() {
    }

    /**
     * The kustomization as {@code kubectl kustomize} renders it, offline (kubectl from $KUBECTL, else the PATH;
     * deploy/local/prerequisites.sh installs it); also kept in target/rendered.yaml to read.
     */
    static synchronized List<JsonNode> rendered() {
        if (rendered == null) {
            String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
            try {
                Files.createDirectories(RENDERED.getParent());
                Path errors = RENDERED.resolveSibling("rendered.err");
                Process process = new ProcessBuilder(kubectl, "kustomize", KUSTOMIZATION.toString())
                        .redirectOutput(RENDERED.toFile()).redirectError(errors.toFile()).start();
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new IllegalStateException(kubectl + " kustomize " + KUSTOMIZATION + " failed (exit " + exit
                            + "): " + Files.readString(errors, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + kubectl
                        + " (deploy/local/prerequisites.sh test installs it): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            rendered = Yaml.documents(RENDERED);
        }
        return rendered.stream().map(JsonNode::deepCopy).map(JsonNode.class::cast).toList();
    }

    static List<JsonNode> secretTemplate() {
        return Yaml.documents(KUSTOMIZATION.resolve("secrets.template.yaml"));
    }
}
