package io.warmline.platform.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductionSecretsTest {

    private static final Predicate<Path> EVERY_FILE = path -> true;
    private static final String KEY = "/etc/warmline/jwt/public.pem";

    @Test
    void aProperSetUpStarts() {
        assertEquals(List.of(), problems(settings("intake", "s3cret-from-the-vault", KEY, Map.of())));
    }

    @Test
    void thePasswordEqualToTheRoleNameIsRefused() {
        List<String> problems = problems(settings("intake", "Intake", KEY, Map.of()));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("role 'intake' is a default one"));
        assertFalse(problems.get(0).contains("Intake"), "the value itself is never repeated");
    }

    @Test
    void anEmptyOrWellKnownPasswordIsRefused() {
        assertTrue(problems(settings("intake", "", KEY, Map.of())).get(0).contains("password is empty"));
        assertTrue(problems(settings("intake", null, KEY, Map.of())).get(0).contains("password is empty"));
        assertTrue(problems(settings("intake", "postgres", KEY, Map.of())).get(0).contains("default one"));
    }

    @Test
    void theDemoOptOutSkipsOnlyThePasswordCheck() {
        var demo = new ProductionSecrets.Settings("intake", "intake", null, null, Map.of(), true);
        List<String> problems = ProductionSecrets.problems(demo, EVERY_FILE);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("no key to verify bearer tokens"));
    }

    @Test
    void aMissingOrUnreadableTokenKeyIsRefused() {
        assertTrue(problems(settings("routing", "x9", " ", Map.of())).get(0).contains("no key to verify"));
        Predicate<Path> none = path -> false;
        assertTrue(ProductionSecrets.problems(settings("routing", "x9", "file:" + KEY, Map.of()), none).get(0)
                .contains("cannot be read at " + KEY));
        assertTrue(ProductionSecrets.problems(settings("routing", "x9", KEY, Map.of()), none).get(0)
                .contains("cannot be read"));
    }

    @Test
    void aKeyGivenInlineOrByUrlIsNotLookedForOnDisk() {
        Predicate<Path> none = path -> false;
        assertEquals(List.of(), ProductionSecrets.problems(
                settings("routing", "x9", "https://idp.example.com/keys", Map.of()), none));
        assertEquals(List.of(), ProductionSecrets.problems(
                new ProductionSecrets.Settings("routing", "x9", null, "MIIBIjAN...", Map.of(), false), none));
    }

    @Test
    void everyRequiredSecretMustHoldAValue() {
        var required = new java.util.LinkedHashMap<String, String>();
        required.put("warmline.intake.secret-key", null);
        required.put("warmline.other", " ");
        required.put("warmline.set", "abc");
        assertEquals(List.of("the required secret warmline.intake.secret-key is not set",
                "the required secret warmline.other is not set"), problems(settings("intake", "x9", KEY, required)));
    }

    private static ProductionSecrets.Settings settings(String user, String password, String keyLocation,
                                                       Map<String, String> required) {
        return new ProductionSecrets.Settings(user, password, keyLocation, null, required, false);
    }

    private static List<String> problems(ProductionSecrets.Settings settings) {
        return ProductionSecrets.problems(settings, EVERY_FILE);
    }
}
