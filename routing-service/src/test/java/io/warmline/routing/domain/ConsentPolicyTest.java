package io.warmline.routing.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsentPolicyTest {

    @Test
    void aLeadWithConsentIsCalledUnderEitherPolicy() {
        for (ConsentPolicy policy : ConsentPolicy.values()) {
            assertEquals(Optional.empty(), policy.withoutCall(true), policy.name());
        }
    }

    @Test
    void missingOrRefusedConsentClosesTheLeadByDefault() {
        assertEquals(Optional.of(ClosureReason.NO_CONSENT), ConsentPolicy.CLOSE.withoutCall(null), "missing");
        assertEquals(Optional.of(ClosureReason.NO_CONSENT), ConsentPolicy.CLOSE.withoutCall(false), "refused");
    }

    @Test
    void theEmailOnlyPolicyHandsItToAnEmailFollowUp() {
        assertEquals(Optional.of(ClosureReason.EMAIL_ONLY), ConsentPolicy.EMAIL_ONLY.withoutCall(null), "missing");
        assertEquals(Optional.of(ClosureReason.EMAIL_ONLY), ConsentPolicy.EMAIL_ONLY.withoutCall(false), "refused");
    }

    @Test
    void theReasonsAreTheWireNamesVendorsAreShown() {
        assertEquals("no_consent", WireName.of(ClosureReason.NO_CONSENT));
        assertEquals("email_only", WireName.of(ClosureReason.EMAIL_ONLY));
    }
}
