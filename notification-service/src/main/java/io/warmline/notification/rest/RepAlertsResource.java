package io.warmline.notification.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.Alert;
import io.warmline.notification.service.AlertFeed;
import io.warmline.notification.service.AlertHistory;
import io.warmline.platform.rest.PageParams;
import io.warmline.platform.rest.PageRequest;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A rep's alerts: the live stream their app keeps open, and the list of recent ones.
 * <p>
 * A rep reads only their own (the token's {@code sub}); operators read anyone's. The stream also takes the token as
 * {@code ?access_token=}, because a browser's EventSource cannot send headers ({@link StreamTokenFilter}). The
 * stream ends when the token that opened it expires: a token is checked once, when the stream opens, so without this
 * a stream would outlive its token (and a revoked rep's access) for as long as the connection holds. The rep's app
 * reconnects with a fresh token and resumes after the last event id.
 */
@Path("/reps/{repId}/alerts")
@Tag(name = "Rep alerts")
@Authenticated
@RunsToCompletion
public class RepAlertsResource {

    private final AlertFeed feed;
    private final AlertHistory history;
    private final RepAccess access;
    private final JsonWebToken token;
    private final Clock clock;

    RepAlertsResource(AlertFeed feed, AlertHistory history, RepAccess access, JsonWebToken token, Clock clock) {
        this.feed = feed;
        this.history = history;
        this.access = access;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The rep's alerts, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "The alerts, newest first.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
            implementation = Alert.class)))
    @APIResponse(responseCode = "400", description = RepAccess.INVALID_REP_ID)
    public Uni<RestResponse<List<Alert>>> recent(@RestPath String repId, @BeanParam PageParams paging,
                                                 @Context UriInfo request) {
        PageRequest page = paging.on("alerts", 1);
        return history.latest(access.actFor(repId), page)
                .map(alerts -> page.page(alerts, alert -> List.of(alert.alertId())).response(request));
    }

    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: missed alerts first, a ': caught up' comment, then live alerts",
            description = "Each alert is an event named 'alert' (or 'reminder') whose id is its position in the rep's "
                    + "stream and whose data is the alert JSON. A comment line every 15 s keeps proxies from closing "
                    + "an idle stream. The stream ends when the bearer token expires: reconnect with a fresh one "
                    + "and the Last-Event-ID.")
    @APIResponse(responseCode = "200", description = "The stream, until the bearer token expires.", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = RepAccess.INVALID_REP_ID + " `invalid-last-event-id`: a "
            + "Last-Event-ID that is not one this stream sent.")
    public Multi<OutboundSseEvent> stream(@RestPath String repId,
                                          @Parameter(description = "The id of the last event received; the stream "
                                                  + "resumes after it. Without it, the alerts of the last 24 hours "
                                                  + "come first.")
                                          @RestHeader("Last-Event-ID") String lastEventId,
                                          @Context Sse sse) {
        String rep = access.actFor(repId);
        Duration tokenLeft = Duration.between(clock.instant(), Instant.ofEpochSecond(token.getExpirationTime()));
        if (tokenLeft.isNegative() || tokenLeft.isZero()) {
            // Within the verifier's clock skew an expired token still passes; a stream for it would end at once.
            throw new Problem(401, "token-expired", "Unauthorized",
                    "this bearer token has expired; connect again with a fresh one (and the Last-Event-ID)");
        }
        return feed.follow(rep, after(lastEventId)).map(item -> toEvent(item, sse)).select().first(tokenLeft);
    }

    private static OutboundSseEvent toEvent(AlertFeed.Item item, Sse sse) {
        if (item instanceof AlertFeed.Delivered delivered) {
            return sse.newEventBuilder()
                    .id(Long.toString(delivered.streamed().position()))
                    .name(delivered.alert().eventName())
                    .data(delivered.alert())
                    .build();
        }
        return sse.newEventBuilder().comment(item instanceof AlertFeed.CaughtUp ? "caught up" : "keep-alive").build();
    }

    private static Long after(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException e) {
            throw new Problem(400, "invalid-last-event-id", "Bad Request",
                    "Last-Event-ID must be the id of an alert this stream sent (a whole number); "
                            + "omit it to start from the alerts of the last 24 hours");
        }
    }
}
