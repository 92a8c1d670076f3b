package io.warmline.platform.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Detaches a resource's {@code Uni} from its caller's cancellation (see {@link RunsToCompletion}). */
@RunsToCompletion
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class RunsToCompletionInterceptor {

    @AroundInvoke
    Object detach(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        return result instanceof Uni<?> work ? detached(work) : result;
    }

    /** A Uni whose cancellation leaves {@code work} running; its outcome is dropped if nobody waits any more. */
    static <T> Uni<T> detached(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
