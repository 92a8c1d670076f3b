package io.warmline.intake.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.LeadSubmission;
import io.warmline.intake.domain.LeadSubmissionReader;
import io.warmline.intake.service.LeadIntake;
import io.warmline.intake.service.VendorCredentials;
import io.warmline.intake.service.WebhookMetrics;
import io.warmline.platform.rest.BodySizeLimit;
import io.warmline.platform.rest.Problem;
import io.warmline.platform.rest.RunsToCompletion;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The vendor webhook. Checks run cheapest first, and nothing is stored until every one has passed: the size, the
 * vendor, the signature headers and timestamp, the signature, the rate limit, a replayed message id, the JSON,
 * then each field.
 */
@Path("/vendors/{vendorId}/leads")
@Tag(name = "Vendors: posting leads")
@RunsToCompletion
public class LeadWebhookResource {

    private static final Logger LOG = Logger.getLogger(LeadWebhookResource.class);

    private final SignedRequests signedRequests;
    private final LeadIntake intake;
    private final BodySizeLimit sizeLimit;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final LeadSubmissionReader reader = new LeadSubmissionReader();
    // Strict JSON: a repeated key or trailing content makes the body ambiguous, so it is refused, not guessed at.
    private final ObjectReader json;

    LeadWebhookResource(SignedRequests signedRequests, LeadIntake intake, BodySizeLimit sizeLimit, ObjectMapper json,
                        Clock clock, WebhookMetrics metrics) {
        this.metrics = metrics;
        this.signedRequests = signedRequests;
        this.intake = intake;
        this.sizeLimit = sizeLimit;
        this.clock = clock;
        this.json = json.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Schema(name = "LeadAccepted")
    public record LeadAccepted(
            @Schema(description = "Warmline's id for the lead: keep it to read the lead's status.") UUID leadId,
            @Schema(enumeration = {"received", "duplicate"}, description = "received: stored now (202); duplicate: "
                    + "the same vendorLeadId or webhook-id was accepted before, nothing new was created (200).")
            String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a warm lead", description = """
            A signed webhook (the Standard Webhooks / Svix scheme). Sign each request with your vendor secret \
            (`whsec_` + base64 of 32 bytes, shown once when an operator registers you or rotates your secret):

            1. signed content = `webhook-id` + `.` + `webhook-timestamp` + `.` + the raw body, byte for byte;
            2. key = the base64-decoded part of the secret after `whsec_`;
            3. `webhook-signature` = `v1,` + base64(HMAC-SHA256(key, signed content)).

            `x-signature-example` on this operation is a worked example: check your code against it before you \
            send a lead. Body at most 64 KiB of `application/json`. Checks run in this order and the first \
            failure answers: size (413), content type (415), vendor (401 unknown, 403 disabled), signature \
            headers and timestamp (401, 400 for a malformed webhook-id), signature (401), rate limit (429), \
            replayed webhook-id (200, the original lead), JSON (400), fields (422, every invalid field listed). A 5xx or a timeout means \
            nothing was stored: retry with the same webhook-id and body (re-signed if the timestamp is old).""",
            extensions = @Extension(name = "x-signature-example", value = SignatureExample.POST_LEAD,
                    parseValue = true))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LeadPayload.class),
            examples = {
                    @ExampleObject(name = "minimal", summary = "The body of the signing example",
                            value = SignatureExample.LEAD_BODY),
                    @ExampleObject(name = "complete", summary = "Every field", value = """
                            {"vendorLeadId":"L-1002","name":"Alex Morgan","phone":"+44 7400 123456",
                             "email":"alex@example.com","company":"Morgan Builders","region":"Bristol",
                             "postcode":"BS1 4DJ","interest":"solar panels and a home battery",
                             "notes":"Owns the house, roof replaced last year, wants a quote before spring",
                             "signal":{"type":"callback_agreed","occurredAt":"2026-11-23T13:50:00Z"},
                             "preferredCallWindow":{"from":"2026-11-23T15:00:00Z","to":"2026-11-23T17:00:00Z"},
                             "consent":{"granted":true,"recordedAt":"2026-11-23T13:48:00Z",
                                        "method":"verbal, on the recorded qualifying call"}}""")}))
    @APIResponse(responseCode = "202", description = "Stored; published to the warmline at once.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadAccepted.class)))
    @APIResponse(responseCode = "200", description = "A duplicate: the same vendorLeadId or a replayed webhook-id. "
            + "Nothing new was stored or published; leadId is the original lead's.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadAccepted.class)))
    @APIResponse(responseCode = "400", ref = IntakeApi.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = IntakeApi.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = IntakeApi.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = IntakeApi.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = IntakeApi.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "422", ref = IntakeApi.INVALID_FIELDS)
    @APIResponse(responseCode = "429", ref = IntakeApi.RATE_LIMITED)
    @APIResponse(responseCode = "503", ref = IntakeApi.UNAVAILABLE)
    public Uni<Response> receive(@PathParam("vendorId") String vendorId, @BeanParam SignatureHeaders headers,
                                 byte[] body) {
        Instant now = clock.instant();
        if (sizeLimit.exceeds(body.length)) {
            throw sizeLimit.tooLarge(body.length);
        }
        return signedRequests.authenticate(vendorId, headers, body, now)
                .chain(vendor -> intake.replayOf(vendorId, headers.messageId())
                        .chain(replayed -> replayed.isPresent()
                                ? Uni.createFrom().item(new LeadIntake.Outcome(replayed.get(), false))
                                : intake.receive(vendorId, headers.messageId(), submission(vendor, body, now), now)))
                .map(outcome -> {
                    String status = outcome.created() ? "received" : "duplicate";
                    if (outcome.created()) {
                        metrics.received(vendorId);
                    } else {
                        metrics.duplicate(vendorId);
                    }
                    // Per lead: DEBUG (the received and duplicate counters count them); issue 15.
                    LOG.debugf("lead %s from vendor %s: %s", outcome.leadId(), vendorId, status);
                    return Response.status(outcome.created() ? 202 : 200)
                            .entity(new LeadAccepted(outcome.leadId(), status)).build();
                });
    }

    private LeadSubmission submission(VendorCredentials vendor, byte[] body, Instant now) {
        LeadSubmissionReader.Result result = reader.read(parse(body), vendor.defaultRegion(), now);
        if (result instanceof LeadSubmissionReader.Refused refused) {
            throw new Problem(422, "invalid-lead", "Unprocessable Content",
                    refused.problems().size() + " field(s) are missing or invalid; see errors",
                    refused.problems(), null);
        }
        return ((LeadSubmissionReader.Accepted) result).lead();
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode tree = json.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new Problem(400, "malformed-json", "Bad Request", "the body is empty; send the lead as JSON");
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new Problem(400, "malformed-json", "Bad Request",
                    "the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Problem(400, "malformed-json", "Bad Request", "the body cannot be read as JSON");
        }
    }
}
