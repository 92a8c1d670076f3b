package io.warmline.intake.rest;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.warmline.intake.config.TestClock;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

/**
 * A vendor as a test registers and drives it. It signs the way the README and the OpenAPI contract tell a vendor
 * to: HMAC-SHA256 keyed with the base64-decoded secret after {@code whsec_}, over
 * {@code webhook-id.webhook-timestamp.body}. Written from the docs, not from the service's code.
 */
public final class TestVendor {

    final String id;
    final String secret;
    private final TestClock clock;

    private TestVendor(String id, String secret, TestClock clock) {
        this.id = id;
        this.secret = secret;
        this.clock = clock;
    }

    public static TestVendor register(TestClock clock) {
        return register(clock, null);
    }

    static TestVendor register(TestClock clock, Integer requestsPerMinute) {
        String id = "vendor-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"id\":\"" + id + "\",\"name\":\"Acme Leads\",\"defaultRegion\":\"GB\""
                + (requestsPerMinute == null ? "" : ",\"requestsPerMinute\":" + requestsPerMinute) + "}";
        String secret = Operators.operator().contentType("application/json").body(body).post("/vendors")
                .then().statusCode(201).body("secret", notNullValue())
                .extract().path("secret");
        return new TestVendor(id, secret, clock);
    }

    static String sign(String secret, String messageId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String newMessageId() {
        return "msg_" + UUID.randomUUID();
    }

    /** The same vendor, signing with another secret (a rotated one, or one it should no longer use). */
    TestVendor signingWith(String otherSecret) {
        return new TestVendor(id, otherSecret, clock);
    }

    public ValidatableResponse post(String body) {
        return post(newMessageId(), clock.epochSecond(), body);
    }

    ValidatableResponse post(String messageId, long timestamp, String body) {
        return postSigned(messageId, timestamp, body, sign(secret, messageId, timestamp, body));
    }

    /** Posts with the signature header as given, to try what a vendor might get wrong. */
    ValidatableResponse postSigned(String messageId, long timestamp, String body, String signature) {
        return signed(given(), messageId, timestamp, signature).contentType("application/json").body(body)
                .post("/vendors/{vendor}/leads", id).then();
    }

    public ValidatableResponse status(String leadId) {
        String messageId = newMessageId();
        long timestamp = clock.epochSecond();
        return signed(given(), messageId, timestamp, sign(secret, messageId, timestamp, ""))
                .get("/vendors/{vendor}/leads/{lead}", id, leadId).then();
    }

    /** Rotates this vendor's secret as an operator would, and returns the new one (the old stays in use here). */
    String rotateSecret(String gracePeriod) {
        return Operators.operator().queryParam("gracePeriod", gracePeriod).post("/vendors/{vendor}/rotate-secret", id)
                .then().statusCode(200).body("secret", notNullValue()).extract().path("secret");
    }

    private static RequestSpecification signed(RequestSpecification request, String messageId, long timestamp,
                                               String signature) {
        return request.header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature);
    }
}
