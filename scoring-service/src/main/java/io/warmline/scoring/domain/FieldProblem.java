package io.warmline.scoring.domain;

/** One thing wrong with one field of a request, in words an operator can act on. */
public record FieldProblem(String field, String reason) {
}
