package io.warmline.intake.rest;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Lead bodies for tests. Each names a person of its own, so no test's lead is linked to another test's. */
public final class Leads {

    private Leads() {
    }

    public static String lead(String vendorLeadId, Instant now) {
        return lead(vendorLeadId, uniquePhone(), uniqueEmail(), now);
    }

    static String lead(String vendorLeadId, String phone, String email, Instant now) {
        return """
                {"vendorLeadId":"%s","name":"Sam Taylor",%s%s
                 "interest":"solar panels","notes":"South-facing roof, wants a quote",
                 "signal":{"type":"callback_agreed","occurredAt":"%s"}}"""
                .formatted(vendorLeadId, phone == null ? "" : "\"phone\":\"" + phone + "\",",
                        email == null ? "" : "\"email\":\"" + email + "\",", now.minusSeconds(600));
    }

    /** A valid UK mobile number in national form: 07[1-4] and eight random digits (all are valid). */
    static String uniquePhone() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "07" + (1 + random.nextInt(4)) + String.format("%08d", random.nextInt(100_000_000));
    }

    static String uniqueEmail() {
        return "sam-" + UUID.randomUUID().toString().substring(0, 13) + "@example.com";
    }

    static String e164(String nationalUkMobile) {
        return "+44" + nationalUkMobile.substring(1);
    }
}
