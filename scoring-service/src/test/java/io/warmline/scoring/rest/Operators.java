package io.warmline.scoring.rest;

import io.restassured.specification.RequestSpecification;
import io.warmline.platform.testing.JwtKeys;

import java.util.Set;

import static io.restassured.RestAssured.given;

/** Calls to the operators' API with a bearer token signed by the test key ({@link JwtKeys}). */
public final class Operators {

    private Operators() {
    }

    public static String token(String role) {
        return JwtKeys.claims().subject(role + "-1").upn(role + "-1").groups(Set.of(role)).sign();
    }

    /** A request as an operator. */
    public static RequestSpecification operator() {
        return given().auth().oauth2(token("operator"));
    }
}
