package io.warmline.scoring.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads an operator's JSON body strictly: a field we do not know is refused rather than ignored (a misspelt
 * "halfLive" would otherwise silently keep its old value). Malformed JSON is a 400; a value of the wrong kind is a
 * 422 naming its field ({@code model.signals.email_open.halfLife}) and the form it needs.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper json;

    JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(String body, Class<T> type, String invalidSlug) {
        if (body == null || body.isBlank()) {
            throw new Problem(400, "malformed-json", "Bad Request", "the body is empty; send JSON");
        }
        ObjectReader reader = json.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        T value;
        try {
            value = reader.readValue(body);
        } catch (JsonMappingException e) {
            throw new Problem(422, invalidSlug, "Unprocessable Content", "a field has a value of the wrong kind; "
                    + "see errors", List.of(new FieldProblem(ProblemMappers.fieldPath(e), expected(e))), null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new Problem(400, "malformed-json", "Bad Request",
                    "the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (value == null) {
            throw new Problem(400, "malformed-json", "Bad Request", "the body is null; send a JSON object");
        }
        return value;
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field; the fields here are " + unknown.getKnownPropertyIds();
        }
        Class<?> type = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                ? mismatch.getTargetType() : null;
        if (type == null) {
            return "not a valid value here";
        }
        if (type == Duration.class) {
            return "must be an ISO-8601 duration such as PT1H or P2D";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 time with its offset, such as 2026-11-23T13:50:00Z";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "must be an object" : "not a valid value here";
    }
}
