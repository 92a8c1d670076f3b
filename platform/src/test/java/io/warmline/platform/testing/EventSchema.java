package io.warmline.platform.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An event type's written schema, read from the producing service's module (one copy, owned by the producer), so
 * a test can check that an event, produced or used as a fixture, is what the producer promises.
 */
public final class EventSchema {

    private final JsonSchema schema;
    private final String name;
    private final ObjectMapper json = new ObjectMapper();

    private EventSchema(String producer, String file) {
        this.name = producer + "/" + file;
        Path path = Path.of("..", producer, "src", "main", "resources", "schemas", file);
        try {
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Files.readString(path));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the schema " + path.toAbsolutePath(), e);
        }
    }

    public static EventSchema of(String producer, String file) {
        return new EventSchema(producer, file);
    }

    public void assertValid(String event) {
        try {
            Set<ValidationMessage> problems = schema.validate(json.readTree(event));
            assertEquals(Set.of(), problems, "the event does not match " + name + ": " + event);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + event, e);
        }
    }
}
