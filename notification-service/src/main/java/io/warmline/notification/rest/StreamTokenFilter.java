package io.warmline.notification.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.event.Observes;

import java.util.regex.Pattern;

/**
 * Browsers' EventSource cannot set headers, so the alert stream (and only it) also takes the bearer token as the
 * {@code access_token} query parameter (RFC 6750 §2.3). It is moved into the Authorization header before the token
 * is verified; a request that has the header keeps it.
 */
public class StreamTokenFilter {

    private static final Pattern STREAM = Pattern.compile("/reps/[^/]+/alerts/stream");

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String token = context.request().getParam("access_token");
            if (token != null && !context.request().headers().contains("Authorization")
                    && STREAM.matcher(context.normalizedPath()).matches()) {
                context.request().headers().set("Authorization", "Bearer " + token);
            }
            context.next();
        }, 100);
    }
}
