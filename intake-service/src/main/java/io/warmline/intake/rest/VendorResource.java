package io.warmline.intake.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.FieldProblem;
import io.warmline.intake.persistence.Vendor;
import io.warmline.intake.service.VendorRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The operators' API for lead vendors. */
@Path("/vendors")
@Produces(MediaType.APPLICATION_JSON)
public class VendorResource {

    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
    private static final Pattern REGION = Pattern.compile("^[A-Z]{2}$");

    private final VendorRegistry registry;
    private final Clock clock;

    VendorResource(VendorRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public record NewVendor(String id, String name, String defaultRegion) {
    }

    public record VendorView(String id, String name, String defaultRegion, boolean enabled) {
        static VendorView of(Vendor vendor) {
            return new VendorView(vendor.id, vendor.name, vendor.defaultRegion, vendor.enabled);
        }
    }

    public record RegisteredVendor(String id, String name, String defaultRegion, boolean enabled, String secret) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a vendor", description = "Answers 201 with the signing secret, shown only this once.")
    public Uni<Response> register(NewVendor request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request == null) {
            throw new Problem(400, "missing-body", "Bad Request", "send {\"id\", \"name\", \"defaultRegion\"}");
        }
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
        if (!problems.isEmpty()) {
            throw new Problem(422, "invalid-vendor", "Unprocessable Content", "see errors", problems, null);
        }
        return registry.register(request.id(), request.name().strip(), region, clock.instant())
                .map(registered -> registered.map(done -> Response.status(201)
                                .entity(new RegisteredVendor(done.vendor().id, done.vendor().name,
                                        done.vendor().defaultRegion, true, done.secret()))
                                .build())
                        .orElseThrow(() -> new Problem(409, "vendor-exists", "Conflict",
                                "a vendor with id '" + request.id() + "' already exists")));
    }

    @GET
    @Operation(summary = "List vendors (never their secrets)")
    public Uni<List<VendorView>> list() {
        return registry.list().map(vendors -> vendors.stream().map(VendorView::of).toList());
    }
}
