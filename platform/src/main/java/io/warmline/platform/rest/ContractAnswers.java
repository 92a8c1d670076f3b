package io.warmline.platform.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Completes every service's OpenAPI contract with what {@link ProblemMappers} answers for every resource, so no
 * operation has to repeat it: each client error and 503 an operation can meet is listed with its problem-details
 * body ({@code Problem}), a 401/403 the security scan added gets that body too, and a property a schema does not
 * mark required may be null (Jackson writes an absent value as {@code null}), so "required" means present and
 * never null.
 * <ul>
 *     <li>an operation that needs a token: 401, 403, and 503 (its database out of reach);</li>
 *     <li>a path parameter: 404 (no such id, or one of the wrong form); a typed query parameter: 404 too (JAX-RS);</li>
 *     <li>a request body: 400 (malformed JSON), 413 (over {@link BodySizeLimit}), 415 (not JSON), 422 (a field
 *     missing, invalid or of the wrong kind).</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ContractAnswers implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (PathItem path : openAPI.getPaths().getPathItems().values()) {
                if (path.getOperations() != null) {
                    path.getOperations().values().forEach(operation -> complete(path, operation));
                }
            }
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(ContractAnswers::optionalMayBeNull);
        }
    }

    private static void complete(PathItem path, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        List<Parameter> parameters = new ArrayList<>();
        if (path.getParameters() != null) {
            parameters.addAll(path.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured) {
            add(responses, "401", "`unauthenticated`: no bearer token, or one that does not verify.");
            add(responses, "403", "`forbidden`: the token's role (or rep) may not do this.");
            add(responses, "503", "`temporarily-unavailable`: the database is out of reach and nothing was done; "
                    + "retry after `Retry-After` seconds.");
        }
        boolean pathParameter = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        boolean typedQuery = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY && p.getSchema() != null
                && p.getSchema().getType() != null && !p.getSchema().getType().contains(Schema.SchemaType.STRING));
        if (pathParameter || typedQuery) {
            add(responses, "404", "`not-found`: no such resource, or a parameter of the wrong form.");
        }
        if (operation.getRequestBody() != null) {
            add(responses, "400", "`malformed-json`: the body is not JSON (with where the parser stopped), or empty.");
            add(responses, "413", "`body-too-large`: the body is over the service's limit "
                    + "(`warmline.http.max-body-bytes`).");
            add(responses, "415", "`unsupported-media-type`: send `Content-Type: application/json`.");
            add(responses, "422", "A field is missing, invalid or of the wrong kind: `errors` names each and why.");
        }
        if (responses.getAPIResponses() != null) {
            for (Map.Entry<String, APIResponse> answer : responses.getAPIResponses().entrySet()) {
                APIResponse response = answer.getValue();
                boolean refusal = answer.getKey().startsWith("4") || answer.getKey().startsWith("5");
                if (refusal && response.getRef() == null
                        && (response.getContent() == null || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty())) {
                    response.setContent(problemContent());
                }
            }
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.getAPIResponses() == null || !responses.getAPIResponses().containsKey(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                    .content(problemContent()));
        }
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(ProblemMappers.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }

    /** Each property not listed as required, at any depth, made nullable. */
    private static void optionalMayBeNull(Schema schema) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> property : Map.copyOf(schema.getProperties()).entrySet()) {
            Schema value = property.getValue();
            optionalMayBeNull(value);
            if (value.getItems() != null) {
                optionalMayBeNull(value.getItems());
            }
            if (required.contains(property.getKey())) {
                continue;
            }
            if (value.getRef() != null) {
                schema.addProperty(property.getKey(), OASFactory.createSchema()
                        .addAnyOf(OASFactory.createSchema().ref(value.getRef()))
                        .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL))
                        .description(value.getDescription()));
            } else if (value.getType() != null && !value.getType().isEmpty()
                    && !value.getType().contains(Schema.SchemaType.NULL)) {
                value.addType(Schema.SchemaType.NULL);
                if (value.getEnumeration() != null && !value.getEnumeration().contains(null)) {
                    value.addEnumeration(null);
                }
            }
        }
    }
}
