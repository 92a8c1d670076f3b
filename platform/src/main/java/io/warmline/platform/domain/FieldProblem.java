package io.warmline.platform.domain;

/** One thing wrong with one field of a request, in words the caller's developer can act on. */
public record FieldProblem(String field, String reason) {
}
