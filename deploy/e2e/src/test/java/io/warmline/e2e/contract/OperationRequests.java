package io.warmline.e2e.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The requests for one operation in one round: a valid one sent with the right role, with none and with a wrong
 * one; then, with the right role, the valid request broken one way each: a required field left out, a field of the
 * wrong type, a null, a string too long, an array for the object, malformed JSON, an empty body, another
 * Content-Type, a parameter of the wrong type.
 */
final class OperationRequests {

    static final List<String> ROLES = List.of("rep", "team-lead", "operator");

    private final ServiceContract contract;
    private final SchemaValues values;
    private final Random random;

    OperationRequests(ServiceContract contract, SchemaValues values, Random random) {
        this.contract = contract;
        this.values = values;
        this.random = random;
    }

    List<ContractRequest> round(ServiceContract.Operation operation) {
        List<ContractRequest> requests = new ArrayList<>();
        Set<String> roles = operation.roles();
        String right = roles == null ? null : roles.isEmpty() ? values.pick(ROLES) : values.pick(List.copyOf(roles));
        List<String> wrongRoles = roles == null || roles.isEmpty() ? List.of()
                : ROLES.stream().filter(r -> !roles.contains(r)).toList();

        ContractRequest valid = ContractRequest.of(operation, "valid", right, operation.method(),
                expandPath(operation, null));
        addParameters(operation, valid, null);
        JsonNode bodySchema = bodySchema(operation);
        String bodyType = bodyType(operation);
        JsonNode body = bodySchema == null ? null : values.valid(bodySchema, "body");
        ContractRequest withBody = body == null ? valid : valid.withBody(bodyType, bytes(body));
        requests.add(withBody);
        if (roles != null) {
            requests.add(withBody.as("valid", null));
        }
        if (!wrongRoles.isEmpty()) {
            requests.add(withBody.as("valid", values.pick(wrongRoles)));
        }
        if (body != null) {
            bodyMutations(withBody, bodySchema, body, bodyType, requests);
        }
        parameterMutation(operation, right, withBody, requests);
        return requests;
    }

    /** The path of {@code operation} asked with a method it does not have, as an operator. */
    ContractRequest wrongMethod(ServiceContract.Operation operation, String method) {
        ContractRequest request = ContractRequest.of(null, "wrong method " + operation.path(), "operator", method,
                expandPath(operation, null));
        return "GET".equals(method) || "DELETE".equals(method) ? request
                : request.withBody("application/json", "{}".getBytes(StandardCharsets.UTF_8));
    }

    private void bodyMutations(ContractRequest valid, JsonNode schema, JsonNode body, String type,
                               List<ContractRequest> requests) {
        if (body.isObject()) {
            List<String> required = values.required(schema);
            ObjectNode missing = body.deepCopy();
            String dropped = required.isEmpty() ? firstField(missing) : values.pick(required);
            if (dropped != null) {
                missing.remove(dropped);
                requests.add(valid.as("missing " + dropped, valid.role()).withBody(type, bytes(missing)));
            }
            Field field = randomField(body.deepCopy(), schema);
            if (field != null) {
                field.parent().set(field.name(), values.wrongType(field.schema()));
                requests.add(valid.as("wrong type of " + field.name(), valid.role()).withBody(type, bytes(field.root())));
            }
            field = randomField(body.deepCopy(), schema);
            if (field != null) {
                field.parent().putNull(field.name());
                requests.add(valid.as("null " + field.name(), valid.role()).withBody(type, bytes(field.root())));
            }
            field = randomStringField(body.deepCopy(), schema);
            if (field != null) {
                field.parent().set(field.name(), values.tooLong(field.schema()));
                requests.add(valid.as("too long " + field.name(), valid.role()).withBody(type, bytes(field.root())));
            }
            ArrayNode array = ServiceContract.JSON.createArrayNode().add(body);
            requests.add(valid.as("array for object", valid.role()).withBody(type, bytes(array)));
        }
        String text = body.toString();
        requests.add(valid.as("malformed JSON", valid.role()).withBody(type,
                text.substring(0, Math.max(1, random.nextInt(text.length()))).getBytes(StandardCharsets.UTF_8)));
        requests.add(valid.as("empty body", valid.role()).withBody(type, new byte[0]));
        requests.add(valid.as("no body", valid.role()).withBody(null, null));
        requests.add(valid.as("wrong Content-Type", valid.role()).withBody(
                values.pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")),
                bytes(body)));
    }

    /** A path parameter of the wrong form or too long, or a typed query parameter given text. */
    private void parameterMutation(ServiceContract.Operation operation, String role, ContractRequest valid,
                                   List<ContractRequest> requests) {
        List<JsonNode> typed = new ArrayList<>();
        for (JsonNode parameter : parameters(operation)) {
            String in = parameter.path("in").asText();
            if (("path".equals(in) || "query".equals(in)) && !"string".equals(values.type(parameter.path("schema")))) {
                typed.add(parameter);
            }
            if ("path".equals(in) && "string".equals(values.type(parameter.path("schema")))) {
                typed.add(parameter);
            }
        }
        if (typed.isEmpty()) {
            return;
        }
        JsonNode parameter = values.pick(typed);
        String name = parameter.path("name").asText();
        String wrong = values.pick(List.of("not-a-" + name, "-1.5", "%", "x".repeat(300)));
        if ("path".equals(parameter.path("in").asText())) {
            ContractRequest broken = ContractRequest.of(operation, "wrong type of " + name, role, operation.method(),
                    expandPath(operation, Map.of(name, wrong)));
            broken.query().putAll(valid.query());
            broken.headers().putAll(valid.headers());
            requests.add(broken.withBody(valid.contentType(), valid.body()));
        } else {
            ContractRequest broken = valid.as("wrong type of " + name, role);
            broken.query().put(name, wrong);
            requests.add(broken);
        }
    }

    private String expandPath(ServiceContract.Operation operation, Map<String, String> overrides) {
        String path = operation.path();
        for (JsonNode parameter : parameters(operation)) {
            if ("path".equals(parameter.path("in").asText())) {
                String name = parameter.path("name").asText();
                String value = overrides != null && overrides.containsKey(name) ? overrides.get(name)
                        : values.valid(parameter.path("schema"), name).asText();
                path = path.replace("{" + name + "}", java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)
                        .replace("+", "%20"));
            }
        }
        return path;
    }

    private void addParameters(ServiceContract.Operation operation, ContractRequest request, String skip) {
        for (JsonNode parameter : parameters(operation)) {
            String name = parameter.path("name").asText();
            boolean wanted = parameter.path("required").asBoolean(false) || random.nextBoolean();
            if (name.equals(skip) || !wanted) {
                continue;
            }
            String value = values.valid(parameter.path("schema"), name).asText();
            switch (parameter.path("in").asText()) {
                case "query" -> request.query().put(name, value);
                case "header" -> request.headers().put(name, value);
                default -> {
                }
            }
        }
    }

    private List<JsonNode> parameters(ServiceContract.Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        contract.document.path("paths").path(operation.path()).path("parameters")
                .forEach(p -> parameters.add(contract.resolve(p)));
        operation.spec().path("parameters").forEach(p -> parameters.add(contract.resolve(p)));
        return parameters;
    }

    private JsonNode bodySchema(ServiceContract.Operation operation) {
        if (!operation.hasBody()) {
            return null;
        }
        JsonNode content = contract.resolve(operation.spec().get("requestBody")).path("content");
        Iterator<Map.Entry<String, JsonNode>> types = content.fields();
        if (!types.hasNext()) {
            return null;
        }
        JsonNode schema = types.next().getValue().path("schema");
        return schema.isMissingNode() ? ServiceContract.JSON.createObjectNode() : schema;
    }

    private String bodyType(ServiceContract.Operation operation) {
        Iterator<String> types = contract.resolve(operation.spec().path("requestBody")).path("content").fieldNames();
        return types.hasNext() ? types.next() : "application/json";
    }

    /** A field somewhere in a generated body, with the schema it was generated from. */
    record Field(JsonNode root, ObjectNode parent, String name, JsonNode schema) {
    }

    private Field randomField(JsonNode root, JsonNode schema) {
        List<Field> fields = new ArrayList<>();
        collect(root, root, schema, fields, 0);
        return fields.isEmpty() ? null : values.pick(fields);
    }

    private Field randomStringField(JsonNode root, JsonNode schema) {
        List<Field> fields = new ArrayList<>();
        collect(root, root, schema, fields, 0);
        List<Field> strings = fields.stream().filter(f -> f.parent().get(f.name()).isTextual()).toList();
        return strings.isEmpty() ? null : values.pick(strings);
    }

    private void collect(JsonNode root, JsonNode node, JsonNode schemaOrRef, List<Field> fields, int depth) {
        JsonNode schema = contract.resolve(schemaOrRef);
        if (!(node instanceof ObjectNode object) || depth > 6) {
            return;
        }
        object.fieldNames().forEachRemaining(name -> {
            JsonNode propertySchema = schema.path("properties").path(name);
            fields.add(new Field(root, object, name, propertySchema));
            collect(root, object.get(name), propertySchema, fields, depth + 1);
        });
    }

    private static String firstField(ObjectNode object) {
        Iterator<String> names = object.fieldNames();
        return names.hasNext() ? names.next() : null;
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
