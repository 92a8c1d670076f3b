package io.warmline.e2e.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Values drawn from a JSON schema of a service's contract with a seeded {@link Random}: valid ones (examples, enums,
 * bounds, formats honoured), and the same values broken one way at a time (a required field left out, a field of
 * the wrong type or null, a string past its bound, an array where an object belongs).
 */
final class SchemaValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 6;

    private final ServiceContract contract;
    private final Random random;
    private final IdPool ids;

    SchemaValues(ServiceContract contract, Random random, IdPool ids) {
        this.contract = contract;
        this.random = random;
        this.ids = ids;
    }

    /** A valid value for {@code schema}; {@code name} (a property or parameter name) steers ids. */
    JsonNode valid(JsonNode schema, String name) {
        return valid(schema, name, 0);
    }

    private JsonNode valid(JsonNode schemaOrRef, String name, int depth) {
        JsonNode schema = contract.resolve(schemaOrRef);
        if (schema == null || schema.isMissingNode()) {
            return NODES.textNode("x");
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (schema.has(combinator)) {
                List<JsonNode> choices = new ArrayList<>();
                schema.get(combinator).forEach(choice -> {
                    if (!"null".equals(contract.resolve(choice).path("type").asText())) {
                        choices.add(choice);
                    }
                });
                return choices.isEmpty() ? NODES.nullNode() : valid(pick(choices), name, depth + 1);
            }
        }
        if (schema.has("allOf")) {
            return valid(schema.get("allOf").get(0), name, depth + 1);
        }
        if (schema.has("examples") && schema.get("examples").size() > 0 && random.nextInt(3) > 0) {
            return schema.get("examples").get(random.nextInt(schema.get("examples").size()));
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(value -> {
                if (!value.isNull()) {
                    values.add(value);
                }
            });
            return values.isEmpty() ? NODES.nullNode() : pick(values);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, name, depth);
            case "integer" -> NODES.numberNode(integer(schema));
            case "number" -> NODES.numberNode(integer(schema) + random.nextInt(100) / 100.0);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(string(schema, name));
        };
    }

    private JsonNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        if (depth > MAX_DEPTH) {
            return object;
        }
        List<String> required = required(schema);
        schema.path("properties").fields().forEachRemaining(property -> {
            if (required.contains(property.getKey()) || random.nextInt(3) > 0) {
                object.set(property.getKey(), valid(property.getValue(), property.getKey(), depth + 1));
            }
        });
        return object;
    }

    private JsonNode array(JsonNode schema, String name, int depth) {
        ArrayNode array = NODES.arrayNode();
        int min = schema.path("minItems").asInt(0);
        int max = Math.min(schema.path("maxItems").asInt(min + 3), min + 3);
        int size = min + random.nextInt(max - min + 1);
        for (int i = 0; i < size && depth <= MAX_DEPTH; i++) {
            array.add(valid(schema.path("items"), name, depth + 1));
        }
        return array;
    }

    private long integer(JsonNode schema) {
        long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
        long max = schema.has("maximum") ? schema.get("maximum").asLong() : min + 100;
        return min + (long) (random.nextDouble() * (max - min + 1));
    }

    private String string(JsonNode schema, String name) {
        String format = schema.path("format").asText("");
        String value = switch (format) {
            case "date-time" -> Instant.parse("2026-11-28T00:00:00Z").plus(random.nextInt(72) - 24, ChronoUnit.HOURS).toString();
            case "date" -> "2026-12-0" + (1 + random.nextInt(9));
            case "duration" -> "PT" + (1 + random.nextInt(60)) + "M";
            case "uuid" -> ids.uuid(name);
            case "email" -> "contract" + random.nextInt(1000) + "@example.com";
            case "uri", "url" -> "https://example.com/" + random.nextInt(1000);
            default -> ids.id(name);
        };
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        while (value.length() < min) {
            value = value + "x";
        }
        return value.length() > max ? value.substring(0, max) : value;
    }

    /** The schema's type (the first that is not "null"); "string" when it says none. */
    String type(JsonNode schemaOrRef) {
        JsonNode schema = contract.resolve(schemaOrRef);
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    List<String> required(JsonNode schemaOrRef) {
        List<String> required = new ArrayList<>();
        contract.resolve(schemaOrRef).path("required").forEach(r -> required.add(r.asText()));
        return required;
    }

    /** A value of another JSON type than {@code schema}'s. */
    JsonNode wrongType(JsonNode schema) {
        return switch (type(schema)) {
            case "string" -> random.nextBoolean() ? NODES.numberNode(random.nextInt(1000)) : NODES.objectNode();
            case "integer", "number" -> random.nextBoolean() ? NODES.textNode("not-a-number") : NODES.booleanNode(true);
            case "boolean" -> NODES.textNode("maybe");
            case "array" -> NODES.textNode("not-a-list");
            default -> random.nextBoolean() ? NODES.numberNode(42) : NODES.textNode("not-an-object");
        };
    }

    /** A string longer than {@code schema} allows (or very long when it sets no bound). */
    TextNode tooLong(JsonNode schema) {
        int max = contract.resolve(schema).path("maxLength").asInt(4000);
        return NODES.textNode("x".repeat(Math.min(max + 1 + random.nextInt(50), 70_000)));
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /**
     * Ids for path parameters and id-like fields: a small pool per name, so that what one request creates a later
     * one finds, plus unknown ones; the pool is what {@link ContractTest} cleans up after.
     */
    static final class IdPool {

        private final Random random;
        private final String prefix;

        IdPool(Random random, String prefix) {
            this.random = random;
            this.prefix = prefix;
        }

        String id(String name) {
            return switch (random.nextInt(4)) {
                case 0 -> "unknown-" + Integer.toHexString(random.nextInt());
                default -> prefix + "-" + random.nextInt(3);
            };
        }

        String uuid(String name) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
    }
}
