package io.warmline.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request body larger than {@code warmline.http.max-body-bytes} (1 MiB unless a service sets less) from its
 * Content-Length, before reading it, with problem details, on every path of the service. It runs ahead of the HTTP
 * server's own backstop ({@code quarkus.http.limits.max-body-size}, which answers a bare 413); a chunked body, which
 * has no length up front, meets that backstop, or a resource that reads it whole checks it with {@link #exceeds}.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** The largest request body a service takes. */
    @ConfigMapping(prefix = "warmline.http")
    public interface Config {
        @WithDefault("1048576")
        long maxBodyBytes();
    }

    // Just ahead of the route Quarkus installs at order -2 to enforce quarkus.http.limits.max-body-size.
    private static final int BEFORE_THE_HTTP_SERVERS_LIMIT = -3;

    private final Config config;
    private final ObjectMapper json;

    BodySizeLimit(Config config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_THE_HTTP_SERVERS_LIMIT).handler(this::check);
    }

    /** The refusal of a body of {@code bytes}, whichever check finds it. */
    public Problem tooLarge(long bytes) {
        return new Problem(413, "body-too-large", "Content Too Large",
                "the body is " + bytes + " bytes; the limit is " + config.maxBodyBytes());
    }

    public boolean exceeds(long bytes) {
        return bytes > config.maxBodyBytes();
    }

    private void check(RoutingContext context) {
        long declared = declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (!exceeds(declared)) {
            context.next();
            return;
        }
        Problem problem = tooLarge(declared);
        try {
            // The body is never read: closing the connection spares both sides sending and discarding it.
            context.response().setStatusCode(problem.status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(ProblemDetails.of(problem, context.request().path())));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return 0; // the HTTP server refuses a malformed length itself
        }
    }
}
