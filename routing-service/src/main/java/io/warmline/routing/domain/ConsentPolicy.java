package io.warmline.routing.domain;

import java.util.Optional;

/**
 * What becomes of a lead whose prospect has not consented to be called (consent missing, or refused): it never
 * enters a rep's call list, so no rep is given it or alerted. By policy it is closed ({@code close}, reason
 * {@code no_consent}) or closed to calls and left to an email-only follow-up ({@code email-only}, reason
 * {@code email_only}); either way the vendor's status shows the reason.
 */
public enum ConsentPolicy {
    CLOSE(ClosureReason.NO_CONSENT),
    EMAIL_ONLY(ClosureReason.EMAIL_ONLY);

    private final ClosureReason reason;

    ConsentPolicy(ClosureReason reason) {
        this.reason = reason;
    }

    /**
     * Empty when the lead may be called (consent granted); otherwise the reason it is closed without a call.
     *
     * @param granted the vendor's {@code consent.granted}: null when the vendor sent no consent
     */
    public Optional<ClosureReason> withoutCall(Boolean granted) {
        return Boolean.TRUE.equals(granted) ? Optional.empty() : Optional.of(reason);
    }
}
