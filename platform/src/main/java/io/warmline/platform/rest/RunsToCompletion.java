package io.warmline.platform.rest;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated resource's work runs to its end even when the caller hangs up. Quarkus REST cancels a request's
 * {@code Uni} when the client disconnects (a vendor's 5-second timeout, a rep's phone losing signal); a Hibernate
 * Reactive transaction cancelled in flight leaves its connection with a live transaction that never returns to the
 * pool ("HR000090: Live transaction detected", "possible non-threadsafe access to session"), and after enough of
 * them the service hangs. The client learns nothing either way: a retry with the same webhook-id finds the lead.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface RunsToCompletion {
}
