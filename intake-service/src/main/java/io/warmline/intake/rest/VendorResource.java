package io.warmline.intake.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.config.IntakeConfig;
import io.warmline.intake.persistence.Vendor;
import io.warmline.intake.service.VendorRegistry;
import io.warmline.platform.domain.FieldProblem;
import io.warmline.platform.rest.PageParams;
import io.warmline.platform.rest.PageRequest;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.ProblemDetails;
import io.warmline.platform.rest.ProblemMappers;
import io.warmline.platform.rest.RunsToCompletion;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operators' API for lead vendors: register, list, disable and enable, rotate a secret. A secret appears only
 * in the answer that creates it. (Operator authorisation comes with a later issue.)
 */
@Path("/vendors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operators: vendors")
@RolesAllowed("operator")
@RunsToCompletion
public class VendorResource {

    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private static final Pattern REGION = Pattern.compile("^[A-Z]{2}$");
    private static final int MAX_REQUESTS_PER_MINUTE = 60_000;

    private final VendorRegistry registry;
    private final IntakeConfig config;
    private final Clock clock;

    VendorResource(VendorRegistry registry, IntakeConfig config, Clock clock) {
        this.registry = registry;
        this.config = config;
        this.clock = clock;
    }

    @Schema(name = "NewVendor")
    public record NewVendor(
            @Schema(required = true, pattern = "^[a-z0-9][a-z0-9-]{1,62}$", examples = "acme") String id,
            @Schema(required = true, maxLength = 200, examples = "Acme Leads") String name,
            @Schema(pattern = "^[A-Z]{2}$", defaultValue = "GB", description = "ISO 3166 country in which phone "
                    + "numbers without an international prefix are read.") String defaultRegion,
            @Schema(minimum = "1", maximum = "60000", description = "This vendor's rate limit; without it, the "
                    + "service default (600).") Integer requestsPerMinute) {
    }

    @Schema(name = "Vendor", description = "A vendor, never with its secret.")
    public record VendorView(@Schema(required = true) String id,
                             @Schema(required = true) String name,
                             @Schema(required = true) String defaultRegion,
                             @Schema(required = true) boolean enabled,
                             @Schema(required = true) int requestsPerMinute,
                             @Schema(description = "Until when the secret replaced by the last rotation is still "
                                     + "accepted; null when only one secret is valid.")
                             Instant previousSecretValidUntil) {
    }

    @Schema(name = "VendorWithSecret", description = "A vendor with its new signing secret: shown only this once, "
            + "stored sealed, never logged. Hand it to the vendor over a secure channel.")
    public record VendorWithSecret(String id, String name, String defaultRegion, boolean enabled,
                                   int requestsPerMinute, Instant previousSecretValidUntil,
                                   @Schema(examples = SignatureExample.SECRET) String secret) {

        @Override
        public String toString() {
            return "VendorWithSecret[" + id + "]";
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a vendor", description = "Answers 201 with the signing secret, shown only this once.")
    @APIResponse(responseCode = "201", description = "Registered.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VendorWithSecret.class)))
    @APIResponse(responseCode = "409", description = "`vendor-exists`: the id is taken.", content = @Content(
            mediaType = ProblemMappers.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetails.class)))
    @APIResponse(responseCode = "422", ref = IntakeApi.INVALID_FIELDS)
    @APIResponse(responseCode = "503", ref = IntakeApi.UNAVAILABLE)
    public Uni<Response> register(NewVendor request) {
        if (request == null) {
            throw new Problem(400, "missing-body", "Bad Request",
                    "send {\"id\", \"name\", \"defaultRegion\", \"requestsPerMinute\"}");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (request.id() == null || !ID.matcher(request.id()).matches()) {
            problems.add(new FieldProblem("id", "2-63 lower-case letters, digits or dashes"));
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
            problems.add(new FieldProblem("name", "is required, at most 200 characters"));
        }
        String region = request.defaultRegion() == null ? "GB" : request.defaultRegion().toUpperCase(Locale.ROOT);
        if (!REGION.matcher(region).matches()) {
            problems.add(new FieldProblem("defaultRegion", "an ISO 3166 two-letter country code, such as GB"));
        }
        Integer limit = request.requestsPerMinute();
        if (limit != null && (limit < 1 || limit > MAX_REQUESTS_PER_MINUTE)) {
            problems.add(new FieldProblem("requestsPerMinute", "from 1 to " + MAX_REQUESTS_PER_MINUTE));
        }
        refuseIf(problems, "invalid-vendor");
        return registry.register(request.id(), request.name().strip(), region, limit, clock.instant())
                .map(registered -> registered
                        .map(done -> Response.created(URI.create("/vendors/" + done.vendor().id))
                                .entity(withSecret(done)).build())
                        .orElseThrow(() -> new Problem(409, "vendor-exists", "Conflict",
                                "a vendor with id '" + request.id() + "' already exists")));
    }

    @GET
    @Operation(summary = "List vendors (never their secrets)")
    @APIResponse(responseCode = "200", description = "A page of the vendors, by id.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VendorView[].class)))
    public Uni<RestResponse<List<VendorView>>> list(@BeanParam PageParams paging, @Context UriInfo request) {
        PageRequest page = paging.on("vendors", 1);
        return registry.list(page).map(vendors -> page.page(vendors, vendor -> List.of(vendor.id)).map(this::view)
                .response(request));
    }

    @GET
    @Path("{vendorId}")
    @Operation(summary = "Read one vendor (never its secret)")
    @APIResponse(responseCode = "200", description = "The vendor.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VendorView.class)))
    @APIResponse(responseCode = "404", ref = IntakeApi.NOT_FOUND)
    public Uni<VendorView> get(@PathParam("vendorId") String vendorId) {
        return registry.find(vendorId).map(found -> view(found, vendorId));
    }

    @POST
    @Path("{vendorId}/disable")
    @Operation(summary = "Disable a vendor", description = "Its requests are refused with 403 from now on (other "
            + "replicas within a few seconds). Its secrets are kept: enabling it again restores them.")
    @APIResponse(responseCode = "200", description = "Disabled.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VendorView.class)))
    @APIResponse(responseCode = "404", ref = IntakeApi.NOT_FOUND)
    public Uni<VendorView> disable(@PathParam("vendorId") String vendorId) {
        return registry.setEnabled(vendorId, false).map(found -> view(found, vendorId));
    }

    @POST
    @Path("{vendorId}/enable")
    @Operation(summary = "Enable a vendor again")
    @APIResponse(responseCode = "200", description = "Enabled.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VendorView.class)))
    @APIResponse(responseCode = "404", ref = IntakeApi.NOT_FOUND)
    public Uni<VendorView> enable(@PathParam("vendorId") String vendorId) {
        return registry.setEnabled(vendorId, true).map(found -> view(found, vendorId));
    }

    @POST
    @Path("{vendorId}/rotate-secret")
    @Operation(summary = "Rotate a vendor's signing secret", description = "Answers the new secret, shown only this "
            + "once. The replaced secret stays valid for the grace period, so the vendor can switch its senders "
            + "over without a lead being refused (it may send both signatures meanwhile). A second rotation within "
            + "the grace period revokes the oldest secret: at most two are ever valid.")
    @APIResponse(responseCode = "200", description = "Rotated.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VendorWithSecret.class)))
    @APIResponse(responseCode = "404", ref = IntakeApi.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = IntakeApi.INVALID_FIELDS)
    public Uni<VendorWithSecret> rotateSecret(
            @PathParam("vendorId") String vendorId,
            @Parameter(description = "How long the replaced secret stays valid, ISO-8601 (default PT24H, at most "
                    + "P7D). PT0S revokes it at once, for a leaked secret.", example = "PT24H")
            @QueryParam("gracePeriod") String gracePeriod) {
        Duration grace = grace(gracePeriod);
        return registry.rotateSecret(vendorId, grace, clock.instant())
                .map(rotated -> rotated.map(this::withSecret).orElseThrow(() -> unknown(vendorId)));
    }

    private Duration grace(String requested) {
        if (requested == null || requested.isBlank()) {
            return config.rotationGrace();
        }
        try {
            Duration grace = Duration.parse(requested.strip());
            if (!grace.isNegative() && grace.compareTo(config.maxRotationGrace()) <= 0) {
                return grace;
            }
        } catch (DateTimeParseException e) {
            // refused below, with the expected form
        }
        refuseIf(List.of(new FieldProblem("gracePeriod", "an ISO-8601 duration from PT0S to "
                + config.maxRotationGrace() + ", such as PT24H")), "invalid-rotation");
        return null;
    }

    private static void refuseIf(List<FieldProblem> problems, String slug) {
        if (!problems.isEmpty()) {
            throw new Problem(422, slug, "Unprocessable Content", "see errors", problems, null);
        }
    }

    private VendorView view(Optional<Vendor> found, String vendorId) {
        return found.map(this::view).orElseThrow(() -> unknown(vendorId));
    }

    private VendorView view(Vendor vendor) {
        return new VendorView(vendor.id, vendor.name, vendor.defaultRegion, vendor.enabled,
                registry.requestsPerMinute(vendor), previousValidUntil(vendor));
    }

    private VendorWithSecret withSecret(VendorRegistry.WithNewSecret done) {
        Vendor vendor = done.vendor();
        return new VendorWithSecret(vendor.id, vendor.name, vendor.defaultRegion, vendor.enabled,
                registry.requestsPerMinute(vendor), previousValidUntil(vendor), done.secret());
    }

    // A replaced secret whose grace period is over is no longer valid, though its row is only cleared by the next
    // rotation: the view says what is true now.
    private Instant previousValidUntil(Vendor vendor) {
        Instant until = vendor.previousSecretValidUntil;
        return until != null && clock.instant().isBefore(until) ? until : null;
    }

    private static Problem unknown(String vendorId) {
        return new Problem(404, "not-found", "Not Found", "no vendor '" + vendorId + "' is registered");
    }
}
