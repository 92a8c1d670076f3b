package io.warmline.faults;

import java.util.List;

/**
 * A poison record the suite wrote to a consumed topic, and the dead-letter topics it must land on (one per
 * consuming service): {@code warmline.dlq.<service>.<topic without warmline.>}.
 */
public record PoisonEvent(String topic, String value, List<String> expectedDeadLetterTopics) {
}
