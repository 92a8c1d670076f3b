package io.warmline.platform.rest;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list ({@link PageRequest#page}) and its answer: the body stays the JSON array of the page's rows; the
 * next page, when there is one, is announced in an RFC 8288 {@code Link: <...>; rel="next"} header whose URL is the
 * request's with {@code cursor} (and {@code limit}) set, so a client needs no knowledge of the cursor.
 */
public record Page<T>(List<T> items, int limit, String nextCursor) {

    /** The same page with each row turned into what the answer shows. */
    public <V> Page<V> map(Function<T, V> view) {
        return new Page<>(items.stream().map(view).toList(), limit, nextCursor);
    }

    public RestResponse<List<T>> response(UriInfo request) {
        return response(request.getRequestUriBuilder());
    }

    /**
     * With the next page's address built on {@code request}: the request's own, with parameters pinned that must not
     * move between pages (a period that defaulted to "up to now").
     */
    public RestResponse<List<T>> response(UriBuilder request) {
        RestResponse.ResponseBuilder<List<T>> answer = RestResponse.ResponseBuilder.ok(items);
        if (nextCursor != null) {
            URI next = request.replaceQueryParam("cursor", nextCursor)
                    .replaceQueryParam("limit", limit).build();
            // Path-absolute, so it stays right behind a proxy that rewrites the host.
            answer.header("Link", "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
        }
        return answer.build();
    }
}
