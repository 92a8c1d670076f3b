package io.warmline.scoring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.warmline.scoring.domain.FieldProblem;

import java.util.List;

/** The RFC 9457 body; {@code errors} lists each invalid field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetails(String type, String title, int status, String detail, String instance,
                             List<FieldProblem> errors) {
}
