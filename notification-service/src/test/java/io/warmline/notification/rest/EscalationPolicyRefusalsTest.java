package io.warmline.notification.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.warmline.notification.testing.TestInfrastructure;
import io.warmline.notification.testing.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every shape of invalid policy is a 422 problem naming the field, never a 500: null steps, negative or missing
 * durations, empty steps, unknown fields, wrong types. Each case is a body and the field the answer must name.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class EscalationPolicyRefusalsTest {

    private static final String STEP = "{\"offset\":\"PT10M\",\"target\":\"rep\",\"message\":\"Call now\"}";

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"steps":[null],"deadline":"PT60M"}                                                      | steps[0]
            {"steps":[null, null],"deadline":"PT60M"}                                                | steps[1]
            {"steps":[{}],"deadline":"PT60M"}                                                        | steps[0].offset
            {"steps":[{}],"deadline":"PT60M"}                                                        | steps[0].target
            {"steps":[{}],"deadline":"PT60M"}                                                        | steps[0].message
            {"steps":["PT10M"],"deadline":"PT60M"}                                                   | steps[0]
            {"steps":[{"offset":"-PT10M","target":"rep","message":"m"}],"deadline":"PT60M"}          | steps[0].offset
            {"steps":[],"deadline":"-PT60M"}                                                         | deadline
            {"steps":[],"deadline":"PT0S"}                                                           | deadline
            {"steps":[]}                                                                             | deadline
            {"steps":[],"deadline":"PT60M","repeatEvery":"-PT5M"}                                    | repeatEvery
            {"steps":[],"deadline":"PT60M","owner":"me"}                                             | owner
            {"steps":[{"offset":"PT10M","target":"rep","message":"m","delay":"PT1M"}],"deadline":"PT60M"} | steps[0].delay
            {"steps":"PT10M","deadline":"PT60M"}                                                     | steps
            {"steps":{"offset":"PT10M"},"deadline":"PT60M"}                                          | steps
            {"steps":[],"deadline":60}                                                               | deadline
            {"steps":[],"deadline":"an hour"}                                                        | deadline
            {"steps":[],"deadline":true}                                                             | deadline
            {"steps":[{"offset":600,"target":"rep","message":"m"}],"deadline":"PT60M"}               | steps[0].offset
            {"steps":[{"offset":"PT10M","target":7,"message":"m"}],"deadline":"PT60M"}               | steps[0].target
            {"steps":[{"offset":"PT10M","target":"boss","message":"m"}],"deadline":"PT60M"}          | steps[0].target
            {"steps":[{"offset":"PT10M","target":"rep","message":["m"]}],"deadline":"PT60M"}         | steps[0].message
            [{"offset":"PT10M"}]                                                                     | policy
            "PT60M"                                                                                  | policy
            """)
    void anInvalidPolicyIsA422NamingTheField(String body, String field) {
        given().auth().oauth2(Tokens.operator()).contentType("application/json").body(body)
                .put("/escalation-policies/hot/team-refusals")
                .then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItem(field));
    }

    @Test
    void aValidPolicyIsStillPublished() {
        given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body("{\"steps\":[" + STEP + "],\"repeatEvery\":null,\"deadline\":\"PT60M\"}")
                .put("/escalation-policies/hot/team-refusals-ok")
                .then().statusCode(200).body("policy.steps[0].offset", equalTo("PT10M"));
    }
}
