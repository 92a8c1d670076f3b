package io.warmline.platform.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.warmline.platform.messaging.Failures;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Turns every refusal and failure into problem details, so no client ever gets a bare error page. */
public class ProblemMappers {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int RETRY_AFTER_SECONDS = 5;

    @Inject
    ProblemConfig config;

    @Inject
    Instance<RefusalObserver> observers;

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
        Response.Status known = Response.Status.fromStatusCode(status);
        Response answer = respond(new Problem(status, slug, known == null ? "Error" : known.getReasonPhrase(),
                detail), request.path());
        // A 405 keeps the Allow header the framework computed.
        Object allow = failure.getResponse().getHeaders().getFirst("Allow");
        return allow == null ? answer : Response.fromResponse(answer).header("Allow", allow).build();
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
