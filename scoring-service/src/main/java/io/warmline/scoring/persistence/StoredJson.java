package io.warmline.scoring.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Values kept as JSON in text columns (factors, signals, model definitions, lead details, outbox payloads). Both
 * directions only ever see values this service wrote, so a failure is a bug, not bad input.
 */
@ApplicationScoped
public class StoredJson {

    private final ObjectMapper json;

    StoredJson(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(value.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        return read(text, json.constructType(type));
    }

    public <T> T read(String text, TypeReference<T> type) {
        return read(text, json.constructType(type));
    }

    public JsonNode tree(String text) {
        return read(text, JsonNode.class);
    }

    private <T> T read(String text, com.fasterxml.jackson.databind.JavaType type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a " + type.getRawClass().getSimpleName(), e);
        }
    }
}
