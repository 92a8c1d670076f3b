package io.warmline.routing.rest;

import io.restassured.specification.RequestSpecification;
import io.warmline.platform.testing.JwtKeys;

import java.util.Set;

import static io.restassured.RestAssured.given;

/** Bearer tokens as the identity provider would issue them, signed with the test key (see {@link JwtKeys}). */
public final class Tokens {

    private Tokens() {
    }

    public static String operator() {
        return token("ops-1", Roles.OPERATOR, null);
    }

    public static String rep(String repId, String team) {
        return token(repId, Roles.REP, team);
    }

    public static String teamLead(String repId, String team) {
        return token(repId, Roles.TEAM_LEAD, team);
    }

    public static String token(String subject, String role, String team) {
        var builder = JwtKeys.claims().subject(subject).upn(subject).groups(Set.of(role));
        if (team != null) {
            builder.claim("team", team);
        }
        return builder.sign();
    }

    /** A request with this bearer token and a JSON body type. */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType("application/json");
    }

    /** Creates (or updates) a rep as an operator: the easy way for tests to have one. */
    public static void saveRep(String repId, String body) {
        as(operator()).body(body).put("/reps/{id}", repId).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** Sets a rep's presence as the rep. */
    public static void presence(String repId, String team, String status) {
        as(rep(repId, team)).body("{\"status\":\"" + status + "\"}").put("/reps/{id}/presence", repId)
                .then().statusCode(200);
    }
}
