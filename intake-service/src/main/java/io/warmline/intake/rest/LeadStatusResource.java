package io.warmline.intake.rest;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.LeadStatus;
import io.warmline.intake.service.LeadProgress;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A vendor reads how far one of its own leads has come; it is signed like the webhook, over an empty body. */
@Path("/vendors/{vendorId}/leads/{leadId}")
@Tag(name = "Vendors: posting leads")
@RunsToCompletion
public class LeadStatusResource {

    private static final byte[] EMPTY_BODY = new byte[0];
    private static final String OUTCOME = "What came of the furthest step, once known: for `followed_up` the latest "
            + "call's outcome (`connected`, `voicemail`, `no_answer`, `wrong_number`), for `closed` the reason "
            + "(`signed`, `not_interested`, `unreachable`, `breached`, `wrong_number`; `no_consent` or `email_only` "
            + "when the prospect had not consented to be called); null for the others.";

    private final SignedRequests signedRequests;
    private final LeadProgress progress;
    private final Clock clock;

    LeadStatusResource(SignedRequests signedRequests, LeadProgress progress, Clock clock) {
        this.signedRequests = signedRequests;
        this.progress = progress;
        this.clock = clock;
    }

    @Schema(name = "LeadStatus")
    public record LeadStatusView(
            UUID leadId,
            String vendorLeadId,
            @Schema(enumeration = {"received", "assigned", "followed_up", "closed"}, description = "The furthest "
                    + "step the lead has reached.") String status,
            @Schema(description = OUTCOME) String outcome,
            @Schema(description = "True when another vendor sent the same person (same phone or email) earlier "
                    + "within the window: the lead is recorded, linked to that one, and not routed on its own.")
            boolean linked,
            List<MilestoneView> milestones) {

        static LeadStatusView of(LeadProgress.VendorLead lead) {
            LeadStatus status = lead.status();
            return new LeadStatusView(lead.leadId(), lead.vendorLeadId(), status.status().wireName(),
                    status.outcome(), lead.linked(), status.milestones().stream()
                    .map(reached -> new MilestoneView(reached.milestone().wireName(), reached.at(), reached.outcome()))
                    .toList());
        }
    }

    @Schema(name = "Milestone")
    public record MilestoneView(
            @Schema(enumeration = {"received", "assigned", "followed_up", "closed"}) String milestone,
            @Schema(description = "When the lead reached it.") Instant at,
            @Schema(description = "What came of this step: the call's outcome for `followed_up`, the reason for "
                    + "`closed`; null for the others.") String outcome) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read the status of one of your leads", description = """
            Signed exactly like a lead post, over an empty body: signed content = `webhook-id` + `.` + \
            `webhook-timestamp` + `.` (see `x-signature-example`). Reading is not a delivery: the webhook-id is \
            not recorded, any fresh unique value will do. A lead of another vendor answers 404, as an unknown one \
            does. `milestones` lists every step in time order: `received`, then `assigned` when a rep is given \
            the lead (again on each reassignment), `followed_up` for each call the rep logs, with its outcome, \
            and `closed`, with the reason. `status` is the furthest step reached.""",
            extensions = @Extension(name = "x-signature-example", value = SignatureExample.READ_STATUS,
                    parseValue = true))
    @APIResponse(responseCode = "200", description = "The lead's status.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LeadStatusView.class)))
    @APIResponse(responseCode = "400", ref = IntakeApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = IntakeApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = IntakeApi.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = IntakeApi.NOT_FOUND)
    @APIResponse(responseCode = "429", ref = IntakeApi.RATE_LIMITED)
    @APIResponse(responseCode = "503", ref = IntakeApi.UNAVAILABLE)
    public Uni<LeadStatusView> status(@PathParam("vendorId") String vendorId, @PathParam("leadId") String leadId,
                                      @BeanParam SignatureHeaders headers) {
        Instant now = clock.instant();
        return signedRequests.authenticate(vendorId, headers, EMPTY_BODY, now)
                .chain(vendor -> progress.of(vendorId, parse(leadId)))
                .map(found -> found.map(LeadStatusView::of).orElseThrow(() -> notFound(vendorId, leadId)));
    }

    private static UUID parse(String leadId) {
        try {
            return UUID.fromString(leadId);
        } catch (IllegalArgumentException e) {
            // Not a lead id we ever gave out: answered like any lead this vendor does not have.
            return new UUID(0, 0);
        }
    }

    private static Problem notFound(String vendorId, String leadId) {
        return new Problem(404, "not-found", "Not Found", "vendor '" + vendorId + "' has no lead " + leadId
                + "; use the leadId from the answer to your post");
    }
}
