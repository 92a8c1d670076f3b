package io.warmline.intake.domain;

import java.time.Instant;

/** A lead as a vendor submitted it, validated and normalised (phone in E.164, email lower-cased). */
public record LeadSubmission(String vendorLeadId, String name, String phone, String email, String company,
                             String region, String postcode, String interest, String notes, SignalType signalType,
                             Instant signalAt, CallWindow preferredCallWindow, Consent consent) {
}
