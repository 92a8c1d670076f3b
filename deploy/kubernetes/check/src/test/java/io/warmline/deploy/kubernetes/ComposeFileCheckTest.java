package io.warmline.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/compose/compose.yml against the Compose Specification, and the mistakes the check is there for. */
class ComposeFileCheckTest {

    private static final Path COMPOSE = Repository.ROOT.resolve("deploy/compose/compose.yml");
    private static ComposeFileCheck check;
    private static String text;

    @BeforeAll
    static void load() {
        check = new ComposeFileCheck(Repository.KUSTOMIZATION.resolve("check/schemas/compose-spec.json"));
        text = Yaml.read(COMPOSE);
    }

    @Test
    void theComposeFilePasses() {
        assertEquals(List.of(), check.problems(ComposeFileCheck.read(text)));
    }

    @Test
    void aMisspeltKeyFails() {
        List<String> problems = check.problems(ComposeFileCheck.read(text.replace("    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready",
                "    healthchek:\n      test: [\"CMD-SHELL\", \"pg_isready")));
        assertTrue(problems.toString().contains("healthchek"), problems.toString());
    }

    @Test
    void aMisspeltKeyInTheSharedServiceBlockFails() {
        List<String> problems = check.problems(ComposeFileCheck.read(text.replace("  restart: unless-stopped", "  restrat: unless-stopped")));
        assertTrue(problems.toString().contains("restrat"), problems.toString());
    }

    @Test
    void aServiceWithoutHealthcheckFails() {
        List<String> problems = check.problems(ComposeFileCheck.read(text.replace("      test: [\"CMD\", \"/mailpit\", \"readyz\"]\n", "")
                .replace("    healthcheck:\n      interval: 5s\n      retries: 20\n", "")));
        assertTrue(problems.toString().contains("mailpit has no healthcheck"), problems.toString());
    }

    @Test
    void theTopicListNotMountedFails() {
        List<String> problems = check.problems(ComposeFileCheck.read(text.replace("../local/topics.txt", "./topics.txt")));
        assertTrue(problems.toString().contains("nothing mounts ../local/topics.txt"), problems.toString());
    }
}
