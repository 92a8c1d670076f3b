package io.warmline.platform.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.warmline.platform.domain.FieldProblem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The RFC 9457 body; {@code errors} lists each invalid field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details, sent as application/problem+json.")
public record ProblemDetails(
        @Schema(required = true, examples = "urn:warmline:problem:invalid-lead", description = "urn:warmline:problem:<slug>, the "
                + "kind of refusal; stable, so code may branch on it.") String type,
        @Schema(required = true, examples = "Unprocessable Content") String title,
        @Schema(required = true, examples = "422") int status,
        @Schema(required = true, examples = "2 field(s) are missing or invalid; see errors", description = "What was wrong and "
                + "how to fix it.") String detail,
        @Schema(required = true, examples = "/vendors/acme/leads", description = "The path that was refused.") String instance,
        @Schema(description = "Each invalid field, with the reason; present when fields were refused.")
        List<FieldProblem> errors) {

    public static ProblemDetails of(Problem problem, String instance) {
        return new ProblemDetails("urn:warmline:problem:" + problem.slug, problem.title, problem.status,
                problem.detail, instance, problem.errors);
    }
}
