package io.warmline.intake.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.ErasureTarget;
import io.warmline.intake.messaging.LeadErased;
import io.warmline.intake.service.LeadErasure;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * An operator's erasure request: one lead by id, or every lead of a person by email or phone. Intake erases its
 * copy and destroys the leads' data keys at once, and tells the other services through {@code LeadErased}.
 */
@Path("/operations/erasures")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operators: personal data")
@RolesAllowed("operator")
@RunsToCompletion
public class ErasureResource {

    private static final List<String> SERVICES = List.of("scoring-service", "routing-service", "notification-service");

    private final LeadErasure erasure;
    private final Clock clock;

    ErasureResource(LeadErasure erasure, Clock clock) {
        this.erasure = erasure;
        this.clock = clock;
    }

    @Schema(name = "ErasureRequest", description = "Exactly one of leadId, email or phone.")
    public record ErasureRequest(
            @Schema(format = "uuid", description = "One lead, as intake answered its id.") String leadId,
            @Schema(examples = "sam@example.com", description = "Every lead with this email.") String email,
            @Schema(examples = "+447911123456", description = "Every lead with this phone: international, or "
                    + "national with its region.") String phone,
            @Schema(pattern = "^[A-Z]{2}$", examples = "GB", description = "Where a phone without + is read.")
            String region) {

        @Override
        public String toString() {
            return "ErasureRequest[personal data not shown]";
        }
    }

    @Schema(name = "Erasure", description = "What was erased: intake's copy and the data keys now, the other "
            + "services' copies when they apply the LeadErased events published for the erased leads.")
    public record ErasureView(@Schema(required = true, enumeration = {"lead", "email", "phone"}) String by,
                              @Schema(required = true, description = "Leads erased by this request.")
                              List<UUID> erasedLeadIds,
                              @Schema(required = true, description = "Leads found that were erased before.")
                              List<UUID> alreadyErasedLeadIds,
                              @Schema(required = true, description = "The fields cleared in every service.")
                              List<String> erasedFields,
                              @Schema(required = true, description = "One LeadErased per erased lead, on this topic.")
                              String topic,
                              @Schema(required = true, description = "The services that erase their copies on it.")
                              List<String> services) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a lead's personal data, or a person's across leads",
            description = "Clears the contact's name, phone, email, postcode, interest and notes in every service and "
                    + "destroys the leads' data keys, so their events and dead letters on every topic can no longer be "
                    + "read; keeps what metrics and the vendor's status need. Audited without the email or phone. An "
                    + "email or phone that matches no lead answers 200 with no lead ids.")
    @APIResponse(responseCode = "200", description = "Erased.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "404", ref = IntakeApi.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = IntakeApi.INVALID_FIELDS)
    @APIResponse(responseCode = "503", ref = IntakeApi.UNAVAILABLE)
    public Uni<ErasureView> erase(ErasureRequest request) {
        if (request == null) {
            throw new Problem(400, "missing-body", "Bad Request", "send {\"leadId\"}, {\"email\"} or {\"phone\"}");
        }
        ErasureTarget.Read read = ErasureTarget.read(request.leadId(), request.email(), request.phone(),
                request.region());
        if (read.target() == null) {
            throw new Problem(422, "invalid-erasure", "Unprocessable Content", "see errors", read.problems(), null);
        }
        ErasureTarget target = read.target();
        return erasure.request(target, clock.instant()).map(found -> found
                .map(outcome -> new ErasureView(target.kind().wireName(), outcome.erased(), outcome.alreadyErased(),
                        LeadErasure.ERASED_FIELDS, LeadErased.TOPIC, SERVICES))
                .orElseThrow(() -> new Problem(404, "unknown-lead", "Not Found",
                        "no lead " + target.leadId() + " was received")));
    }
}
