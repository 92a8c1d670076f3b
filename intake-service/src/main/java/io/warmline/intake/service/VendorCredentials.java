package io.warmline.intake.service;

import io.warmline.intake.domain.SigningSecrets;

/** What checking a vendor's signed request needs, with its secrets unsealed: kept in memory, never logged. */
public record VendorCredentials(String vendorId, boolean enabled, String defaultRegion, SigningSecrets secrets,
                                int requestsPerMinute) {

    @Override
    public String toString() {
        return "VendorCredentials[" + vendorId + ", enabled=" + enabled + "]";
    }
}
