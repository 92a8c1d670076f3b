package io.warmline.notification.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.warmline.platform.testing.Stack;

/**
 * Every test of this module runs on the module's own Kafka and PostgreSQL containers ({@link Stack}); Quarkus finds
 * test resources declared in the module's own test classes, not in a dependency's.
 */
@QuarkusTestResource(Stack.class)
public class TestStack {
}
