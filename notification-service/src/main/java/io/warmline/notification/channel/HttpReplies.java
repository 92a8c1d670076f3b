package io.warmline.notification.channel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends with the JDK's HTTP client and hands the answer back on the caller's Vert.x context: the client completes
 * on its own threads, where Hibernate Reactive (which records the delivery next) must not run.
 */
final class HttpReplies {

    private HttpReplies() {
    }

    static Uni<HttpResponse<Void>> send(HttpClient http, HttpRequest request, String what) {
        Context caller = Vertx.currentContext();
        Uni<HttpResponse<Void>> answer = Uni.createFrom()
                .completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .onFailure().transform(failure -> new ChannelFailure(what + " unreachable: " + failure, false));
        return caller == null ? answer : answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
