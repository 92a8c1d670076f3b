package io.warmline.notification.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.warmline.notification.testing.TestInfrastructure;
import io.warmline.notification.testing.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A rep registers browsers only on the known push services' hosts (422 naming the endpoint otherwise), and at most
 * the configured number of them (409 after that, until one is removed); every refusal is problem details.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class PushSubscriptionRefusalsTest {

    private static final int CAP = 10;

    @ParameterizedTest
    @ValueSource(strings = {"https://attacker.example/collect", "http://fcm.googleapis.com/fcm/send/x",
            "https://fcm.googleapis.com.attacker.example/x", "https://user@fcm.googleapis.com/x"})
    void anEndpointOffTheKnownPushServicesIsA422(String endpoint) {
        String rep = "rep-" + UUID.randomUUID();
        given().auth().oauth2(Tokens.rep(rep)).contentType("application/json").body(subscription(endpoint))
                .post("/reps/{rep}/push-subscriptions", rep)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("endpoint"));
    }

    @Test
    void aRepHasAtMostTheCapOfBrowsersAndMayAddOneAfterRemovingOne() {
        String rep = "rep-" + UUID.randomUUID();
        int first = 0;
        for (int i = 0; i < CAP; i++) {
            int id = given().auth().oauth2(Tokens.rep(rep)).contentType("application/json")
                    .body(subscription(fcm(rep, i))).post("/reps/{rep}/push-subscriptions", rep)
                    .then().statusCode(201).extract().path("id");
            first = i == 0 ? id : first;
        }
        given().auth().oauth2(Tokens.rep(rep)).contentType("application/json").body(subscription(fcm(rep, CAP)))
                .post("/reps/{rep}/push-subscriptions", rep)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("too-many-subscriptions"))
                .body("detail", containsString("remove one"));
        given().auth().oauth2(Tokens.rep(rep)).contentType("application/json").body(subscription(fcm(rep, 3)))
                .post("/reps/{rep}/push-subscriptions", rep)
                .then().statusCode(201);

        given().auth().oauth2(Tokens.rep(rep)).delete("/reps/{rep}/push-subscriptions/{id}", rep, first)
                .then().statusCode(204);
        given().auth().oauth2(Tokens.rep(rep)).contentType("application/json").body(subscription(fcm(rep, CAP)))
                .post("/reps/{rep}/push-subscriptions", rep)
                .then().statusCode(201).body("id", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(Tokens.rep(rep)).contentType("application/json").body(subscription(fcm(rep, CAP + 1)))
                .post("/reps/{rep}/push-subscriptions", rep)
                .then().statusCode(409).body("status", equalTo(409));
    }

    private static String fcm(String rep, int browser) {
        return "https://fcm.googleapis.com/fcm/send/" + rep + "-" + browser;
    }

    private static String subscription(String endpoint) {
        return "{\"endpoint\":\"" + endpoint + "\",\"keys\":{\"p256dh\":\"k\",\"auth\":\"a\"}}";
    }
}
