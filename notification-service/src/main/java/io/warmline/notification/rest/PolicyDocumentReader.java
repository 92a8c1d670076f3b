package io.warmline.notification.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmline.notification.persistence.PolicyDocument;
import io.warmline.platform.domain.FieldProblem;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy as sent to {@code PUT /escalation-policies/...}, field by field, so that any shape (a null step,
 * an unknown field, a number where a duration belongs) is a named problem rather than a mapping failure. What it
 * could read goes on to the policy's own rules; a field it could not read is null there.
 */
final class PolicyDocumentReader {

    /** The document as far as it could be read, and what was wrong with its shape. */
    record Read(PolicyDocument document, List<FieldProblem> problems) {
    }

    private static final Set<String> FIELDS = Set.of("steps", "repeatEvery", "deadline");
    private static final Set<String> STEP_FIELDS = Set.of("offset", "target", "message");

    private PolicyDocumentReader() {
    }

    static Read read(JsonNode body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            problems.add(new FieldProblem("policy", "must be a JSON object: {\"steps\":[…],\"repeatEvery\":…,"
                    + "\"deadline\":\"PT60M\"}"));
            return new Read(new PolicyDocument(null, null, null), problems);
        }
        unknown(body, FIELDS, "", problems);
        List<PolicyDocument.Step> steps = steps(body.get("steps"), problems);
        return new Read(new PolicyDocument(steps, duration(body.get("repeatEvery"), "repeatEvery", problems),
                duration(body.get("deadline"), "deadline", problems)), problems);
    }

    private static List<PolicyDocument.Step> steps(JsonNode steps, List<FieldProblem> problems) {
        if (steps == null || steps.isNull()) {
            return List.of();
        }
        if (!steps.isArray()) {
            problems.add(new FieldProblem("steps", "must be an array of steps {\"offset\",\"target\",\"message\"}"));
            return List.of();
        }
        List<PolicyDocument.Step> read = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String field = "steps[" + i + "]";
            if (!step.isObject()) {
                problems.add(new FieldProblem(field, "must be a step {\"offset\":\"PT10M\",\"target\":\"rep\","
                        + "\"message\":\"…\"}"));
                read.add(null);
                continue;
            }
            unknown(step, STEP_FIELDS, field + ".", problems);
            read.add(new PolicyDocument.Step(duration(step.get("offset"), field + ".offset", problems),
                    text(step.get("target"), field + ".target", problems),
                    text(step.get("message"), field + ".message", problems)));
        }
        return read;
    }

    private static void unknown(JsonNode object, Set<String> known, String prefix, List<FieldProblem> problems) {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
            if (!known.contains(field.getKey())) {
                problems.add(new FieldProblem(prefix + field.getKey(),
                        "is not a field here; the fields are " + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    private static Duration duration(JsonNode value, String field, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return Duration.parse(value.asText());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problems.add(new FieldProblem(field, "must be an ISO-8601 duration such as PT10M"));
        return null;
    }

    private static String text(JsonNode value, String field, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new FieldProblem(field, "must be a string"));
            return null;
        }
        return value.asText();
    }
}
