package io.warmline.scoring.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.util.List;

/** Turns every refusal and failure into problem details, so no client ever gets a bare error page. */
public class ProblemMappers {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(Problem problem, HttpServerRequest request) {
        return respond(problem, request.path());
    }

    /** No token, or one that does not verify (wrong key, issuer, expired). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException failure, HttpServerRequest request) {
        return Response.fromResponse(respond(new Problem(401, "unauthenticated", "Unauthorized",
                "send an operator's bearer token (JWT issued by warmline) in the Authorization header"), request.path()))
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** A valid token whose role may not do this. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException failure, HttpServerRequest request) {
        return respond(new Problem(403, "forbidden", "Forbidden", "only operators read and change the warmth model"),
                request.path());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException failure, HttpServerRequest request) {
        int status = failure.getResponse().getStatus();
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
            default -> failure.getMessage();
        };
        return respond(new Problem(status, slug, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), detail), request.path());
    }

    /** The database or broker is out of reach: a temporary refusal the client should retry, never a 500. */
    @ServerExceptionMapper
    public Response unavailable(Throwable failure, HttpServerRequest request) {
        if (isUnreachable(failure)) {
            LOG.warnf("refusing %s with 503, a dependency is unreachable: %s", request.path(), failure.toString());
            return respond(new Problem(503, "temporarily-unavailable", "Service Unavailable",
                    "nothing was stored; retry after the delay in Retry-After", List.of(), 5), request.path());
        }
        LOG.errorf(failure, "unexpected failure on %s", request.path());
        return respond(new Problem(500, "server-error", "Internal Server Error",
                "an unexpected error; nothing was stored, retry later"), request.path());
    }

    private static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof io.vertx.core.VertxException
                    && String.valueOf(cause.getMessage()).contains("Connection")) {
                return true;
            }
        }
        return false;
    }

    static Response respond(Problem problem, String instance) {
        Response.ResponseBuilder builder = Response.status(problem.status)
                .type(MEDIA_TYPE)
                .entity(new ProblemDetails("urn:warmline:problem:" + problem.slug, problem.title, problem.status,
                        problem.detail, instance, problem.errors));
        if (problem.retryAfterSeconds != null) {
            builder.header("Retry-After", problem.retryAfterSeconds);
        }
        return builder.build();
    }
}
