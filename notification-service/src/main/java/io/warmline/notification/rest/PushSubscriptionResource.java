package io.warmline.notification.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.config.EscalationConfig;
import io.warmline.notification.service.PushSubscriptions;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A rep's browsers for Web Push, registered by the rep's client with the browser's PushSubscription JSON. */
@Path("/reps/{repId}/push-subscriptions")
@Tag(name = "Rep devices")
@Authenticated
@RunsToCompletion
public class PushSubscriptionResource {

    /** The browser's {@code PushSubscription.toJSON()}: endpoint and keys. */
    public record Body(String endpoint, Keys keys) {
        public record Keys(String p256dh, String auth) {
        }
    }

    private final PushSubscriptions subscriptions;
    private final RepAccess access;
    private final EscalationConfig config;

    PushSubscriptionResource(PushSubscriptions subscriptions, RepAccess access, EscalationConfig config) {
        this.subscriptions = subscriptions;
        this.access = access;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register one of the rep's browsers (its PushSubscription JSON); 201 with its id")
    @APIResponse(responseCode = "201", description = "Registered; `Location` names it.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = "id", properties = @SchemaProperty(name = "id", type = SchemaType.INTEGER,
            examples = "7"))))
    @APIResponse(responseCode = "400", description = RepAccess.INVALID_REP_ID)
    @APIResponse(responseCode = "409", description = "`too-many-subscriptions`: remove one of the rep's browsers "
            + "first.")
    public Uni<Response> register(@RestPath String repId, Body body) {
        String rep = access.actFor(repId);
        List<FieldProblem> problems = new ArrayList<>();
        String endpointRefusal = config.webPush().endpoints().refusal(body == null ? null : body.endpoint());
        if (endpointRefusal != null) {
            problems.add(new FieldProblem("endpoint", endpointRefusal));
        }
        if (body == null || body.keys() == null || blank(body.keys().p256dh()) || blank(body.keys().auth())) {
            problems.add(new FieldProblem("keys", "must hold p256dh and auth from the subscription"));
        }
        if (!problems.isEmpty()) {
            throw new Problem(422, "invalid-subscription", "Unprocessable Content",
                    "send the browser's PushSubscription JSON as it is", problems, null);
        }
        return subscriptions.register(rep, body.endpoint(), body.keys().p256dh(), body.keys().auth())
                .onItem().ifNull().failWith(() -> new Problem(409, "too-many-subscriptions", "Conflict",
                        "this rep already has " + config.webPush().maxSubscriptionsPerRep() + " browsers registered; "
                                + "remove one (DELETE /reps/" + rep + "/push-subscriptions/{id}) before adding "
                                + "another"))
                .map(saved -> Response.created(URI.create("/reps/" + rep + "/push-subscriptions/" + saved.id))
                        .entity(Map.of("id", saved.id)).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove one of the rep's browsers")
    @APIResponse(responseCode = "204", description = "Removed.")
    @APIResponse(responseCode = "400", description = RepAccess.INVALID_REP_ID)
    public Uni<Response> remove(@RestPath String repId, @RestPath long id) {
        return subscriptions.remove(access.actFor(repId), id).map(removed -> {
            if (!removed) {
                throw new Problem(404, "not-found", "Not Found", "this rep has no subscription " + id);
            }
            return Response.noContent().build();
        });
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank() || text.length() > 200;
    }
}
