package io.warmline.intake.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.warmline.platform.testing.JwtKeys;

/**
 * Every test of this module runs with the platform's fresh test key pair ({@link JwtKeys}); Quarkus finds test
 * resources declared in the module's own test classes, not in a dependency's.
 */
@QuarkusTestResource(JwtKeys.class)
public class TestKeys {
}
