package io.warmline.intake.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warmline.intake.domain.Milestone;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the words of routing's schemas that vendors see: every call outcome and closure reason routing may send is
 * one intake shows. A word routing adds fails here, so that showing it to vendors (or not) is decided, not missed.
 */
class OutcomeWordsTest {

    @Test
    void everyCallOutcomeRoutingSendsIsShownWithTheFollowUp() {
        List<String> outcomes = words("follow-up-logged.v1.json", "/properties/data/properties/outcome/enum");
        assertFalse(outcomes.isEmpty());
        outcomes.forEach(outcome -> assertTrue(Milestone.FOLLOWED_UP.vendorOutcome(outcome).isPresent(), outcome));
    }

    @Test
    void everyClosureReasonRoutingSendsIsShownWithTheClosure() {
        List<String> reasons = words("lead-closed.v1.json", "/properties/data/properties/reason/enum");
        assertFalse(reasons.isEmpty());
        reasons.forEach(reason -> assertTrue(Milestone.CLOSED.vendorOutcome(reason).isPresent(), reason));
    }

    private static List<String> words(String schema, String pointer) {
        Path path = Path.of("..", "routing-service", "src", "main", "resources", "schemas", schema);
        try {
            JsonNode words = new ObjectMapper().readTree(path.toFile()).at(pointer);
            return StreamSupport.stream(words.spliterator(), false).map(JsonNode::asText).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + path.toAbsolutePath(), e);
        }
    }
}
