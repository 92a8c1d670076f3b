package io.warmline.notification.rest;

import io.warmline.notification.channel.WebPushChannel;
import io.warmline.notification.config.ConsoleConfig;
import io.warmline.notification.config.EscalationConfig;
import io.warmline.platform.rest.RunsToCompletion;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.Cache;

/**
 * What the rep console (the page at {@code /console/}) reads before sign-in: where routing-service is, and the
 * VAPID public key its browser subscribes to Web Push with (null while Web Push is off). Nothing secret.
 */
@Path("/console/config.json")
@Tag(name = "Rep console")
@PermitAll
@RunsToCompletion
public class ConsoleResource {

    public record ConsoleSettings(String routingUrl, String vapidPublicKey) {
    }

    private final ConsoleConfig console;
    private final EscalationConfig escalation;
    private final WebPushChannel webPush;

    ConsoleResource(ConsoleConfig console, EscalationConfig escalation, WebPushChannel webPush) {
        this.console = console;
        this.escalation = escalation;
        this.webPush = webPush;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Cache(noStore = true)
    @Operation(summary = "The rep console's settings: routing-service's URL and the Web Push (VAPID) public key")
    public ConsoleSettings settings() {
        return new ConsoleSettings(console.routingUrl().replaceAll("/+$", ""),
                webPush.enabled() ? escalation.webPush().publicKey().orElse(null) : null);
    }
}
