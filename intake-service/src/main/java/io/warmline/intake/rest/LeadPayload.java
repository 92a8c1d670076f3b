package io.warmline.intake.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

import static io.warmline.intake.domain.LeadSubmissionReader.MAX_COMPANY;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_CONSENT_METHOD;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_EMAIL;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_INTEREST;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_NAME;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_NOTES;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_PHONE;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_POSTCODE;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_REGION;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_TIME_ZONE;
import static io.warmline.intake.domain.LeadSubmissionReader.MAX_VENDOR_LEAD_ID;

/**
 * The lead body as the OpenAPI contract documents it. The webhook reads the raw bytes (the signature covers them)
 * with {@link io.warmline.intake.domain.LeadSubmissionReader}, whose limits this quotes; this type only documents.
 */
@Schema(name = "Lead", description = "A warm lead. Strings are trimmed; blank optional strings count as absent. "
        + "Fields not listed here are ignored, so you may send more than we read.")
public record LeadPayload(
        @Schema(required = true, maxLength = MAX_VENDOR_LEAD_ID, examples = "L-1001", description = "Your id for the "
                + "lead. Posting the same vendorLeadId again creates nothing and answers 200 with the original leadId.")
        String vendorLeadId,
        @Schema(required = true, maxLength = MAX_NAME, examples = "Sam Taylor", description = "The contact's name.")
        String name,
        @Schema(maxLength = MAX_PHONE, examples = "07911 123456", description = "Phone number in any common format, "
                + "normalised to E.164. Without a leading + or international prefix it is read in your vendor's "
                + "default region. A phone number or an email is required; both are better.")
        String phone,
        @Schema(maxLength = MAX_EMAIL, format = "email", examples = "sam@example.com",
                description = "Email address, stored lower-cased. A phone number or an email is required.")
        String email,
        @Schema(maxLength = MAX_COMPANY, examples = "Taylor Roofing Ltd") String company,
        @Schema(maxLength = MAX_REGION, examples = "Bristol", description = "Region, county or state, free text.")
        String region,
        @Schema(maxLength = MAX_POSTCODE, examples = "BS1 4DJ", description = "Postcode or ZIP, stored upper-cased.")
        String postcode,
        @Schema(maxLength = MAX_INTEREST, examples = "solar panels and a home battery",
                description = "What the prospect spoke about.")
        String interest,
        @Schema(maxLength = MAX_NOTES, examples = "South-facing roof, wants a quote before spring",
                description = "Qualifying notes from your call, free text.")
        String notes,
        @Schema(required = true) Signal signal,
        CallWindow preferredCallWindow,
        Consent consent) {

    @Schema(name = "Signal", description = "The prior signal: what the prospect did before you sent the lead.")
    public record Signal(
            @Schema(required = true, enumeration = {"callback_agreed", "demo_request", "referral", "past_customer",
                    "pricing_page_visit", "webinar_attended", "content_download", "email_open"},
                    description = "From the warmest (a callback agreed on a qualifying call) to the coolest "
                            + "(an email opened).")
            String type,
            @Schema(required = true, examples = "2026-11-23T13:50:00Z", description = "When it happened: ISO-8601 "
                    + "with offset; not in the future.")
            OffsetDateTime occurredAt) {
    }

    @Schema(name = "CallWindow", description = "When the prospect asked to be called.")
    public record CallWindow(
            @Schema(required = true, examples = "2026-11-23T15:00:00Z", description = "ISO-8601 with offset.")
            OffsetDateTime from,
            @Schema(required = true, examples = "2026-11-23T17:00:00Z", description = "ISO-8601 with offset, after from.")
            OffsetDateTime to,
            @Schema(maxLength = MAX_TIME_ZONE, examples = "Europe/London", description = "The prospect's time zone, an "
                    + "IANA name. Left out: the phone number's, when it has only one, else the offset of from.")
            String timeZone) {
    }

    @Schema(name = "Consent", description = "The prospect's consent to be contacted, as you recorded it.")
    public record Consent(
            @Schema(required = true, description = "Whether the prospect agreed to be contacted.") boolean granted,
            @Schema(examples = "2026-11-23T13:48:00Z", description = "When it was recorded; not in the future.")
            OffsetDateTime recordedAt,
            @Schema(maxLength = MAX_CONSENT_METHOD, examples = "verbal, on the recorded qualifying call")
            String method) {
    }
}
