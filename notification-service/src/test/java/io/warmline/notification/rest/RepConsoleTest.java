package io.warmline.notification.rest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.warmline.notification.testing.TestInfrastructure;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The rep console is served here, same-origin with its alert stream and its Web Push service worker. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, restrictToAnnotatedClass = false)
class RepConsoleTest {

    @Test
    void thePageItsScriptAndItsServiceWorkerAreServedWithoutAToken() {
        given().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("rep console"));
        given().get("/console/console.js").then().statusCode(200).body(containsString("/alerts/stream?access_token="));
        // A service worker is only registered when served as JavaScript.
        given().get("/console/sw.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("showNotification"));
    }

    @Test
    void itsSettingsSayWhereRoutingIsAndWhichKeyToSubscribeToWebPushWith() {
        String vapid = ConfigProvider.getConfig().getValue("warmline.escalation.web-push.public-key", String.class);
        given().get("/console/config.json").then().statusCode(200).contentType("application/json")
                .header("Cache-Control", containsString("no-store"))
                .body("routingUrl", equalTo("http://127.0.0.1:8083"))
                .body("vapidPublicKey", equalTo(vapid));
    }
}
