package io.warmline.deploy.kubernetes;

import java.nio.file.Path;

/** Writes the generated manifests (see {@link GeneratedManifests}): {@code GenerateManifests <repository root>}. */
public final class GenerateManifests {

    private GenerateManifests() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: GenerateManifests <repository root>");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        GeneratedManifests.write(WarmlineSources.read(root), root.resolve("deploy/kubernetes"));
        System.out.println("[kubernetes] wrote " + GeneratedManifests.TOPICS_FILE + ", " + GeneratedManifests.USERS_FILE
                + " and " + GeneratedManifests.RULES_FILE + " in " + root.resolve("deploy/kubernetes"));
    }
}
