package io.warmline.intake.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.intake.config.IntakeConfig;
import io.warmline.intake.domain.LeadSubmissionReader;
import io.warmline.intake.domain.WebhookSignature;
import io.warmline.intake.service.LeadIntake;
import io.warmline.intake.service.VendorRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The vendor webhook. Checks run cheapest first, and nothing is stored until every one has passed: the vendor,
 * the signature headers and timestamp, the signature, the JSON, then each field.
 */
@Path("/vendors/{vendorId}/leads")
public class LeadWebhookResource {

    private static final Logger LOG = Logger.getLogger(LeadWebhookResource.class);

    private final VendorRegistry vendors;
    private final LeadIntake intake;
    private final IntakeConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final LeadSubmissionReader reader = new LeadSubmissionReader();

    LeadWebhookResource(VendorRegistry vendors, LeadIntake intake, IntakeConfig config, ObjectMapper json,
                        Clock clock) {
        this.vendors = vendors;
        this.intake = intake;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a warm lead",
            description = "Signed webhook. 202 with the new lead's id; 200 with the original id when the same "
                    + "vendorLeadId or webhook-id was posted before (nothing new is created). "
                    + "Refusals are RFC 9457 problem details.")
    public Uni<Response> receive(@PathParam("vendorId") String vendorId,
                                 @Parameter(description = "unique id of this delivery") @HeaderParam("webhook-id") String messageId,
                                 @Parameter(description = "unix seconds") @HeaderParam("webhook-timestamp") String timestamp,
                                 @Parameter(description = "v1,<base64 HMAC-SHA256>") @HeaderParam("webhook-signature") String signature,
                                 byte[] body) {
        Instant now = clock.instant();
        if (body.length > config.maxBodyBytes()) {
            throw new Problem(413, "body-too-large", "Payload Too Large",
                    "the body is " + body.length + " bytes; the limit is " + config.maxBodyBytes());
        }
        return vendors.signingKeys(vendorId).chain(found -> {
            VendorRegistry.SigningKeys keys = found.orElseThrow(() -> unauthorized("unknown-vendor",
                    "no vendor '" + vendorId + "' is registered; check the vendor id in the URL"));
            if (!keys.enabled()) {
                throw new Problem(403, "vendor-disabled", "Forbidden",
                        "vendor '" + vendorId + "' is disabled; contact the Warmline operators");
            }
            checkSignature(keys.secrets(), messageId, timestamp, signature, body, now);
            JsonNode tree = parse(body);
            LeadSubmissionReader.Result result = reader.read(tree, keys.defaultRegion(), now);
            if (result instanceof LeadSubmissionReader.Refused refused) {
                throw new Problem(422, "invalid-lead", "Unprocessable Content",
                        refused.problems().size() + " field(s) are missing or invalid; see errors",
                        refused.problems(), null);
            }
            return intake.receive(vendorId, messageId.trim(), ((LeadSubmissionReader.Accepted) result).lead(), now);
        }).map(outcome -> {
            LOG.infof("lead %s from vendor %s: %s", outcome.leadId(), vendorId,
                    outcome.created() ? "received" : "duplicate");
            return Response.status(outcome.created() ? 202 : 200)
                    .entity(Map.of("leadId", outcome.leadId(), "status", outcome.created() ? "received" : "duplicate"))
                    .build();
        });
    }

    private void checkSignature(List<String> secrets, String messageId, String timestamp, String signature,
                                byte[] body, Instant now) {
        switch (WebhookSignature.verify(secrets, messageId, timestamp, signature, body, now,
                config.signatureTolerance())) {
            case VALID -> {
            }
            case MISSING -> throw unauthorized("missing-signature",
                    "the webhook-id, webhook-timestamp and webhook-signature headers are all required");
            case MALFORMED_TIMESTAMP -> throw unauthorized("invalid-timestamp",
                    "webhook-timestamp must be the unix time in seconds");
            case STALE_TIMESTAMP -> throw unauthorized("stale-timestamp",
                    "webhook-timestamp is more than " + config.signatureTolerance().toMinutes()
                            + " minutes old; sign each delivery when you send it");
            case FUTURE_TIMESTAMP -> throw unauthorized("future-timestamp",
                    "webhook-timestamp is more than " + config.signatureTolerance().toMinutes()
                            + " minutes ahead; check your clock");
            case MISMATCH -> throw unauthorized("invalid-signature",
                    "webhook-signature does not match: sign webhook-id.webhook-timestamp.body with your secret");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Problem(400, "malformed-json", "Bad Request",
                    "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        } catch (java.io.IOException e) {
            throw new Problem(400, "malformed-json", "Bad Request", "the body cannot be read as JSON");
        }
    }

    private static Problem unauthorized(String slug, String detail) {
        return new Problem(401, slug, "Unauthorized", detail);
    }
}
