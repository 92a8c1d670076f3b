package io.warmline.deploy.kubernetes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The check of deploy/compose/compose.yml, which cannot be run on machines without a Docker engine: valid against the
 * Compose Specification's schema (schemas/compose-spec.json, strict: a misspelt key fails), every long-running
 * container with a health check, and the one topic list, alert rules and database script mounted from their sources.
 */
final class ComposeFileCheck {

    /** Host paths (relative to deploy/compose) compose must mount, so it reads the same sources as the rest. */
    static final List<String> SOURCES = List.of("../local/topics.txt", "../monitoring/alerts.yml", "../local/database.sql");

    private final JsonSchema schema;

    ComposeFileCheck(Path schemaFile) {
        ObjectNode document = (ObjectNode) Yaml.document(schemaFile);
        // Its $id is a bare file name, which the validator refuses as a base; the schema refers only to itself.
        document.remove("$id");
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(document);
    }

    /** The file as Compose reads it: anchors and merge keys resolved. */
    static JsonNode read(String text) {
        Object loaded = new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return new ObjectMapper().valueToTree(loaded);
    }

    List<String> problems(JsonNode compose) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(compose)) {
            problems.add("compose.yml: " + message.getMessage());
        }
        List<String> mounted = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : (Iterable<Map.Entry<String, JsonNode>>) compose.path("services")::fields) {
            JsonNode definition = service.getValue();
            definition.path("volumes").forEach(volume -> mounted.add(volume.asText().split(":")[0]));
            // A one-shot container (restart: "no", like the topic creator) exits when done: nothing to check.
            boolean runsOnce = "no".equals(definition.path("restart").asText());
            if (!runsOnce && !definition.has("healthcheck")) {
                problems.add("compose.yml: service " + service.getKey() + " has no healthcheck");
            }
        }
        SOURCES.stream().filter(source -> !mounted.contains(source))
                .forEach(source -> problems.add("compose.yml: nothing mounts " + source));
        return problems;
    }
}
