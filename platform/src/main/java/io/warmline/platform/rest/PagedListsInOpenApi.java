package io.warmline.platform.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the {@code Link} header on the 200 answer of every operation that takes {@link PageParams}, and its 400
 * for a limit or cursor it refuses.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class PagedListsInOpenApi implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        boolean paged = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "cursor".equals(p.getName()) && p.getIn() == Parameter.In.QUERY);
        APIResponse ok = operation.getResponses() == null ? null : operation.getResponses().getAPIResponse("200");
        if (paged && ok != null) {
            ok.addHeader("Link", OASFactory.createHeader()
                    .description("RFC 8288: present when a next page exists, as <URL>; rel=\"next\" (the URL is "
                            + "path-absolute and carries limit and cursor); absent on the last page.")
                    .schema(OASFactory.createSchema().addType(org.eclipse.microprofile.openapi.models.media.Schema
                            .SchemaType.STRING)));
        }
        if (paged && operation.getResponses() != null && operation.getResponses().getAPIResponse("400") == null) {
            // The problem-details body is filled in by ContractAnswers, like every refusal's.
            operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse().description(
                    "`invalid-limit`: limit is not a whole number from 1 to " + PageRequest.MAX_LIMIT
                            + "; `invalid-cursor`: a cursor this list did not give out."));
        }
        return operation;
    }
}
