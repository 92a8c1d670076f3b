package io.warmline.platform.rest;

import io.warmline.platform.domain.FieldProblem;

import java.util.List;

/**
 * A refusal, answered as RFC 9457 problem details. {@code slug} names the problem type
 * ({@code urn:warmline:problem:<slug>}); {@code detail} says what was wrong and how to fix it.
 */
public class Problem extends RuntimeException {

    public final int status;
    public final String slug;
    public final String title;
    public final String detail;
    public final List<FieldProblem> errors;
    public final Integer retryAfterSeconds;

    public Problem(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), null);
    }

    public Problem(int status, String slug, String title, String detail, List<FieldProblem> errors,
                   Integer retryAfterSeconds) {
        super(slug + ": " + detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.detail = detail;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
