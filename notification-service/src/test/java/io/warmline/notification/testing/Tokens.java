package io.warmline.notification.testing;

import io.warmline.platform.testing.JwtKeys;

/** Bearer tokens as Warmline's issuer makes them, signed with the key {@link TestInfrastructure} generated. */
public final class Tokens {

    private Tokens() {
    }

    public static String rep(String repId) {
        return JwtKeys.claims().subject(repId).groups("rep").claim("team", "team-test").sign();
    }

    /** A rep's token issued a minute before {@code expiry}, expiring then. */
    public static String rep(String repId, java.time.Instant expiry) {
        return JwtKeys.claims().subject(repId).groups("rep").claim("team", "team-test")
                .issuedAt(expiry.minusSeconds(60)).expiresAt(expiry).sign();
    }

    public static String operator() {
        return JwtKeys.claims().subject("op-test").groups("operator").sign();
    }

    public static String teamLead(String repId) {
        return JwtKeys.claims().subject(repId).groups("team-lead").sign();
    }
}
