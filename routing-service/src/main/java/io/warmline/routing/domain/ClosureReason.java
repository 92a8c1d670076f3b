package io.warmline.routing.domain;

/**
 * Why a lead was closed. {@code NO_CONSENT} and {@code EMAIL_ONLY} close a lead before any rep sees it: the prospect
 * did not consent to be called (see {@link ConsentPolicy}).
 */
public enum ClosureReason {
    SIGNED, NOT_INTERESTED, UNREACHABLE, BREACHED, WRONG_NUMBER, NO_CONSENT, EMAIL_ONLY
}
