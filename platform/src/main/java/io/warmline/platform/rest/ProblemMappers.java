package io.warmline.platform.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.messaging.Failures;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Set;

/** Turns every refusal and failure into problem details, so no client ever gets a bare error page. */
public class ProblemMappers {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int RETRY_AFTER_SECONDS = 5;

    @Inject
    ProblemConfig config;

    @Inject
    Instance<RefusalObserver> observers;

    @Inject
    ResourceMethods resourceMethods;

    @ServerExceptionMapper
    public Response problem(Problem problem, HttpServerRequest request) {
        return respond(problem, request.path());
    }

    /** No token, or one that does not verify (wrong key, issuer, expired). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException failure, HttpServerRequest request) {
        return Response.fromResponse(respond(new Problem(401, "unauthenticated", "Unauthorized",
                        config.unauthenticated()), request.path()))
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** A valid token whose role may not do this. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException failure, HttpServerRequest request) {
        return respond(new Problem(403, "forbidden", "Forbidden", config.forbidden()), request.path());
    }

    /**
     * What the framework refuses before a resource runs: no such path (404), a method the path does not have (405,
     * with {@code Allow}: the framework leaves it out, and answers 404 when a resource of another class shares the
     * path's prefix), a body it cannot take (413, 415), an answer the client does not accept (406).
     */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException failure, HttpServerRequest request) {
        // Quarkus REST hands on a body it could not parse as a 400 wrapping the parser's failure.
        if (failure.getCause() instanceof JsonMappingException shape) {
            return wrongShape(shape, request);
        }
        if (failure.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, request);
        }
        int status = failure.getResponse().getStatus();
        Set<String> allowed = status == 405 || failure instanceof NotFoundException
                ? resourceMethods.allowed(request.path()) : Set.of();
        if (status == 404 && !allowed.isEmpty() && !allowed.contains(request.method().name())) {
            status = 405;
        }
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "body-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "server-error" : "bad-request";
        };
        String detail = switch (status) {
            case 415 -> "send the body as application/json";
            case 404 -> "no resource at " + request.path();
            case 405 -> request.method().name() + " is not answered at " + request.path() + "; use "
                    + String.join(", ", allowed);
            default -> failure.getMessage();
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        Response answer = respond(new Problem(status, slug, known == null ? "Error" : known.getReasonPhrase(),
                detail), request.path());
        return status == 405 && !allowed.isEmpty()
                ? Response.fromResponse(answer).header("Allow", String.join(", ", allowed)).build() : answer;
    }

    /** A body that is not JSON at all: 400, with where the parser stopped. */
    @ServerExceptionMapper({JsonParseException.class, JsonProcessingException.class})
    public Response malformedJson(JsonProcessingException failure, HttpServerRequest request) {
        String where = failure.getLocation() == null ? ""
                : " at line " + failure.getLocation().getLineNr() + ", column " + failure.getLocation().getColumnNr();
        return respond(new Problem(400, "malformed-json", "Bad Request", "the body is not valid JSON" + where
                + ": " + failure.getOriginalMessage()), request.path());
    }

    /**
     * JSON of the wrong shape (an array where an object belongs, text where a number belongs, an unreadable date):
     * 422 naming the field ({@code nextStep.dueAt}, or {@code body} for the whole of it).
     */
    @ServerExceptionMapper({JsonMappingException.class, MismatchedInputException.class, InvalidFormatException.class,
            ValueInstantiationException.class})
    public Response wrongShape(JsonMappingException failure, HttpServerRequest request) {
        String field = fieldPath(failure);
        String expected = failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                ? "must be " + kind(mismatch.getTargetType()) : "has a value of the wrong kind";
        return respond(new Problem(422, "invalid-body", "Unprocessable Content", "the body has a value of the "
                + "wrong kind; see errors", List.of(new FieldProblem(field.isEmpty() ? "body" : field,
                expected)), null), request.path());
    }

    /**
     * Where in a JSON body a mapping failure is, as a refusal names the field: {@code steps[0].offset},
     * {@code nextStep.dueAt}; empty for the whole body.
     */
    public static String fieldPath(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : failure.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** How a Java type reads in JSON, for a refusal's words. */
    private static String kind(Class<?> type) {
        if (type == String.class || type.isEnum() || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time, such as 2026-12-01T10:00:00Z";
        }
        if (java.time.Duration.class == type) {
            return "an ISO-8601 duration, such as PT30M";
        }
        return "an object";
    }

    /** The database or broker is out of reach: a temporary refusal the client should retry, never a 500. */
    @ServerExceptionMapper
    public Response unavailable(Throwable failure, HttpServerRequest request) {
        if (Failures.isTransient(failure)) {
            LOG.warnf("refusing %s with 503, a dependency is unreachable: %s", request.path(), failure.toString());
            return respond(new Problem(503, "temporarily-unavailable", "Service Unavailable",
                    "a dependency (the database) is out of reach and nothing was done; retry after the delay in "
                            + "Retry-After", List.of(), RETRY_AFTER_SECONDS), request.path());
        }
        LOG.errorf(failure, "unexpected failure on %s", request.path());
        return respond(new Problem(500, "server-error", "Internal Server Error",
                "an unexpected error; nothing was stored, retry later"), request.path());
    }

    private Response respond(Problem problem, String instance) {
        observers.forEach(observer -> observer.refused(instance, problem.slug));
        return response(problem, instance);
    }

    /** The problem-details answer itself, for filters that answer before a resource is reached. */
    public static Response response(Problem problem, String instance) {
        Response.ResponseBuilder builder = Response.status(problem.status)
                .type(MEDIA_TYPE)
                .entity(ProblemDetails.of(problem, instance));
        if (problem.retryAfterSeconds != null) {
            builder.header("Retry-After", problem.retryAfterSeconds);
        }
        return builder.build();
    }
}
