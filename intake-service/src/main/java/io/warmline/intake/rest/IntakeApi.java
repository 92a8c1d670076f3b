package io.warmline.intake.rest;

import io.warmline.platform.rest.ProblemDetails;
import io.warmline.platform.rest.ProblemMappers;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The OpenAPI contract's shared parts: every refusal is RFC 9457 problem details, described once here and
 * referred to by each operation that can answer it. (An {@link Application} only because that is where the
 * OpenAPI scanner reads {@code @OpenAPIDefinition}; every resource is still discovered by scanning.)
 */
@OpenAPIDefinition(
        info = @Info(title = "Warmline intake-service", version = "1", description = """
                Lead vendors post signed leads here and read their status; operators register vendors and manage \
                their secrets. Every refusal is `application/problem+json` (RFC 9457): `type` \
                (`urn:warmline:problem:<slug>`) names the problem, `detail` says how to fix it, and `errors` lists \
                each invalid field with the reason."""),
        components = @Components(responses = {
                @APIResponse(name = IntakeApi.BAD_REQUEST, responseCode = "400", description = "Malformed JSON "
                        + "(`malformed-json`, with line and column) or a malformed header (`invalid-webhook-id`).",
                        content = @Content(mediaType = ProblemMappers.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDetails.class))),
                @APIResponse(name = IntakeApi.UNAUTHORIZED, responseCode = "401", description = "Not signed by the "
                        + "vendor in the URL: `unknown-vendor`, `missing-signature`, `invalid-timestamp`, "
                        + "`stale-timestamp`, `future-timestamp` or `invalid-signature`.",
                        content = @Content(mediaType = ProblemMappers.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDetails.class))),
                @APIResponse(name = IntakeApi.FORBIDDEN, responseCode = "403", description = "`vendor-disabled`: an "
                        + "operator disabled this vendor.",
                        content = @Content(mediaType = ProblemMappers.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDetails.class))),
                @APIResponse(name = IntakeApi.NOT_FOUND, responseCode = "404", description = "`not-found`: no such "
                        + "lead among this vendor's leads, or no such vendor.",
                        content = @Content(mediaType = ProblemMappers.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDetails.class))),
                @APIResponse(name = IntakeApi.TOO_LARGE, responseCode = "413", description = "`body-too-large`: the "
                        + "body is over 64 KiB.",
                        content = @Content(mediaType = ProblemMappers.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDetails.class))),
                @APIResponse(name = IntakeApi.UNSUPPORTED_MEDIA_TYPE, responseCode = "415", description =
                        "`unsupported-media-type`: send `Content-Type: application/json`.",
                        content = @Content(mediaType = ProblemMappers.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDetails.class))),
                @APIResponse(name = IntakeApi.INVALID_FIELDS, responseCode = "422", description = "`invalid-lead` "
                        + "or `invalid-vendor`: `errors` names every missing or invalid field and why.",
                        content = @Content(mediaType = ProblemMappers.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDetails.class))),
                @APIResponse(name = IntakeApi.RATE_LIMITED, responseCode = "429", description = "`rate-limited`: "
                        + "over this vendor's requests a minute; retry after `Retry-After` seconds.",
                        headers = @Header(name = "Retry-After", description = "seconds to wait",
                                schema = @Schema(type = SchemaType.INTEGER)),
                        content = @Content(mediaType = ProblemMappers.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDetails.class))),
                @APIResponse(name = IntakeApi.UNAVAILABLE, responseCode = "503", description = "`temporarily-"
                        + "unavailable`: our database is unreachable and nothing was stored; retry after "
                        + "`Retry-After` seconds with the same webhook-id.",
                        headers = @Header(name = "Retry-After", description = "seconds to wait",
                                schema = @Schema(type = SchemaType.INTEGER)),
                        content = @Content(mediaType = ProblemMappers.MEDIA_TYPE,
                                schema = @Schema(implementation = ProblemDetails.class)))}))
public class IntakeApi extends Application {

    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String TOO_LARGE = "ContentTooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String INVALID_FIELDS = "InvalidFields";
    static final String RATE_LIMITED = "RateLimited";
    static final String UNAVAILABLE = "Unavailable";
}
