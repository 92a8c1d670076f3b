package io.warmline.notification.testing;

import io.smallrye.jwt.build.Jwt;

/** Bearer tokens as Warmline's issuer makes them, signed with the key {@link TestInfrastructure} generated. */
public final class Tokens {

    private Tokens() {
    }

    public static String rep(String repId) {
        return Jwt.issuer("warmline").subject(repId).groups("rep").claim("team", "team-test").sign();
    }

    public static String operator() {
        return Jwt.issuer("warmline").subject("op-test").groups("operator").sign();
    }

    public static String teamLead(String repId) {
        return Jwt.issuer("warmline").subject(repId).groups("team-lead").sign();
    }
}
