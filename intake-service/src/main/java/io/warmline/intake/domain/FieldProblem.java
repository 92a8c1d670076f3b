package io.warmline.intake.domain;

/** One thing wrong with one field of a request, in words a vendor's developer can act on. */
public record FieldProblem(String field, String reason) {
}
