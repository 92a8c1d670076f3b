package io.warmline.deploy.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The schema of every kind the manifests may hold, from the files kept in schemas/ (README.md there says where each
 * comes from): Kubernetes' own kinds from its OpenAPI definitions, the operators' kinds from their published CRDs.
 * <p>
 * Both are made strict the way the API server's strict field validation (kubectl's default) is: an object schema
 * that names its properties accepts no other (unless it says x-kubernetes-preserve-unknown-fields), so a misspelt
 * field is an error, not a field silently dropped. Int-or-string fields and quantities accept both forms, as the
 * API server does.
 */
final class SchemaCatalog {

    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final ObjectNode coreDefinitions;
    /** "apiVersion/kind" to the name of its definition in the core definitions. */
    private final Map<String, String> coreKinds = new HashMap<>();
    /** "apiVersion/kind" to its CRD's schema for that version. */
    private final Map<String, JsonNode> customKinds = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new HashMap<>();

    private SchemaCatalog(ObjectNode coreDefinitions) {
        this.coreDefinitions = coreDefinitions;
    }

    /** The catalog of the directory's files: one *-definitions.json of Kubernetes, any number of CRD YAML files. */
    static SchemaCatalog load(Path directory) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path core = files.stream().filter(f -> f.getFileName().toString().endsWith("-definitions.json")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kubernetes *-definitions.json in " + directory));
        ObjectNode definitions = (ObjectNode) Yaml.document(core).get("definitions").deepCopy();
        definitions.set(QUANTITY, anyOf("string", "number"));
        definitions.fields().forEachRemaining(definition -> strict(definition.getValue()));
        SchemaCatalog catalog = new SchemaCatalog(definitions);
        definitions.fields().forEachRemaining(definition -> {
            for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
                catalog.coreKinds.put(apiVersion + "/" + gvk.path("kind").asText(), definition.getKey());
            }
        });
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(".yaml")) {
                catalog.addCrd(Yaml.document(file));
            }
        }
        return catalog;
    }

    private void addCrd(JsonNode crd) {
        if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
            throw new IllegalArgumentException("not a CustomResourceDefinition: " + crd.path("metadata").path("name"));
        }
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
            strict(schema);
            customKinds.put(group + "/" + version.path("name").asText() + "/" + kind, schema);
        }
    }

    /** Whether the catalog knows the kind of this apiVersion. */
    boolean knows(String apiVersion, String kind) {
        String key = apiVersion + "/" + kind;
        return coreKinds.containsKey(key) || customKinds.containsKey(key);
    }

    /** What is wrong with the object against its kind's schema (and, for a custom resource, its metadata's). */
    List<String> problems(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String key = apiVersion + "/" + kind;
        List<String> problems = new ArrayList<>();
        if (coreKinds.containsKey(key)) {
            problems.addAll(messages(schema(key, coreKinds.get(key)), object));
        } else if (customKinds.containsKey(key)) {
            JsonSchema own = compiled.computeIfAbsent(key, k -> factory.getSchema(customKinds.get(k)));
            problems.addAll(messages(own, object));
            JsonNode metadata = object.path("metadata");
            for (String problem : messages(schema(OBJECT_META, OBJECT_META), metadata)) {
                problems.add(problem.replaceFirst("^\\$", "\\$.metadata"));
            }
        } else {
            problems.add("no schema for " + key + " (schemas/ holds the kinds the manifests use)");
        }
        return problems;
    }

    private JsonSchema schema(String key, String definition) {
        return compiled.computeIfAbsent(key, k -> {
            ObjectNode root = JSON.objectNode();
            root.put("$ref", "#/definitions/" + definition);
            root.set("definitions", coreDefinitions);
            return factory.getSchema(root);
        });
    }

    private static List<String> messages(JsonSchema schema, JsonNode object) {
        Set<ValidationMessage> messages = schema.validate(object);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Makes the schema tree strict (see the class comment) and the API server's lenient forms explicit. */
    static void strict(JsonNode node) {
        if (node instanceof ArrayNode array) {
            array.forEach(SchemaCatalog::strict);
            return;
        }
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false)
                || "int-or-string".equals(schema.path("format").asText());
        if (intOrString && !schema.has("anyOf")) {
            schema.remove("type");
            schema.remove("format");
            schema.set("anyOf", anyOf("string", "integer").get("anyOf"));
        }
        if (schema.path("nullable").asBoolean(false) && schema.path("type").isTextual()) {
            schema.set("type", JSON.arrayNode().add(schema.path("type").asText()).add("null"));
        }
        if (schema.has("properties") && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            schema.put("additionalProperties", false);
        }
        for (String child : List.of("properties", "definitions")) {
            Iterator<JsonNode> values = schema.path(child).elements();
            values.forEachRemaining(SchemaCatalog::strict);
        }
        for (String child : List.of("items", "additionalProperties", "allOf", "anyOf", "oneOf", "not")) {
            strict(schema.get(child));
        }
    }

    private static ObjectNode anyOf(String... types) {
        ArrayNode choices = JSON.arrayNode();
        for (String type : types) {
            choices.add(JSON.objectNode().put("type", type));
        }
        ObjectNode schema = JSON.objectNode();
        schema.set("anyOf", choices);
        return schema;
    }
}
