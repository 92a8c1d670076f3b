package io.warmline.scoring.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.warmline.platform.testing.JwtKeys;
import io.warmline.platform.testing.Stack;

/**
 * Every test of this module runs with the platform's fresh test key pair ({@link JwtKeys}) and on the module's own
 * Kafka and PostgreSQL containers ({@link Stack}); Quarkus finds test resources declared in the module's own test
 * classes, not in a dependency's.
 */
@QuarkusTestResource(JwtKeys.class)
@QuarkusTestResource(Stack.class)
public class TestKeys {
}
