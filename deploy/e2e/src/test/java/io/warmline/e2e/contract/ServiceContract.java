package io.warmline.e2e.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One service's OpenAPI 3.1 document as it serves it ({@code /q/openapi?format=json}): its operations, and each
 * answer checked against the schema the document gives for that status and media type (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1; {@code $ref}s resolve inside the document).
 */
final class ServiceContract {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    final String name;
    final String baseUrl;
    final JsonNode document;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private ServiceContract(String name, String baseUrl, JsonNode document) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.document = document;
    }

    static ServiceContract fetch(String name, String baseUrl, HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(name + " serves no OpenAPI document: " + answer.statusCode());
        }
        return new ServiceContract(name, baseUrl, JSON.readTree(answer.body()));
    }

    /** A documented operation: method, path template and its OpenAPI object. */
    record Operation(String method, String path, JsonNode spec) {

        String id() {
            return method + " " + path;
        }

        /** The roles that may call it, empty when any valid token may; null when it needs no token. */
        Set<String> roles() {
            JsonNode security = spec.path("security");
            if (security.isMissingNode() || security.isEmpty()) {
                return null;
            }
            Set<String> roles = new TreeSet<>();
            security.forEach(requirement -> requirement.fields()
                    .forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText()))));
            return roles;
        }

        boolean hasBody() {
            return spec.has("requestBody");
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
            }
        }));
        return operations;
    }

    /** The methods documented on a path template. */
    Set<String> methods(String path) {
        Set<String> methods = new TreeSet<>();
        document.path("paths").path(path).fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase()));
        methods.remove("PARAMETERS");
        return methods;
    }

    /** The methods documented on any path template that {@code path} (a concrete path) matches. */
    Set<String> methodsAt(String path) {
        Set<String> methods = new TreeSet<>();
        document.path("paths").fieldNames().forEachRemaining(template -> {
            String regex = "\\Q" + template.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            if (path.matches(regex)) {
                methods.addAll(methods(template));
            }
        });
        return methods;
    }

    /** Follows a {@code $ref} inside the document (once or more). */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref") && hops < 10; hops++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** The documented response for a status, or null: the exact code, then 4XX-style ranges, then default. */
    JsonNode response(Operation operation, int status) {
        JsonNode responses = operation.spec().path("responses");
        JsonNode exact = responses.get(Integer.toString(status));
        if (exact == null) {
            exact = responses.get((status / 100) + "XX");
        }
        if (exact == null) {
            exact = responses.get("default");
        }
        return exact == null ? null : resolve(exact);
    }

    /** What is wrong with {@code body} against {@code schema} (a schema node of this document); empty when valid. */
    List<String> violations(JsonNode schema, JsonNode body) {
        String key = schema.toString();
        JsonSchema validator = compiled.computeIfAbsent(key, k -> {
            // The schema with the document's components beside it, so "#/components/schemas/X" resolves.
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", document.path("components"));
            root.set("allOf", JSON.createArrayNode().add(schema));
            return SCHEMAS.getSchema(root);
        });
        List<String> found = new ArrayList<>();
        for (Iterator<ValidationMessage> it = validator.validate(body).iterator(); it.hasNext(); ) {
            found.add(it.next().getMessage());
        }
        return found;
    }
}
