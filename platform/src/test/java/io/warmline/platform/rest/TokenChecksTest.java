package io.warmline.platform.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.warmline.platform.testing.JwtKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The checks every service makes of a bearer token beyond its signature and expiry (the platform's shared
 * configuration): it must be issued for Warmline's audience, and not be older than the maximum token age.
 */
@QuarkusTest
class TokenChecksTest {

    private static final String PARKED = "/operations/outbox/parked";

    @Test
    void aTokenForWarmlineWithinItsAgeIsAccepted() {
        given().auth().oauth2(JwtKeys.claims().subject("ops-1").groups("operator").sign())
                .get(PARKED).then().statusCode(200);
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedWithProblemDetails() {
        refused(Jwt.issuer(JwtKeys.ISSUER).audience("billing").subject("ops-1").groups("operator").sign());
    }

    @Test
    void aTokenWithoutAudienceIsRefused() {
        refused(Jwt.issuer(JwtKeys.ISSUER).subject("ops-1").groups("operator").sign());
    }

    @Test
    void aTokenOlderThanTheMaximumAgeIsRefusedThoughNotExpired() {
        Instant now = Instant.now();
        refused(JwtKeys.claims().subject("ops-1").groups("operator")
                .issuedAt(now.minus(Duration.ofHours(13))).expiresAt(now.plus(Duration.ofHours(1))).sign());
    }

    private static void refused(String token) {
        given().auth().oauth2(token).get(PARKED).then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("type", org.hamcrest.Matchers.endsWith("unauthenticated"));
    }
}
