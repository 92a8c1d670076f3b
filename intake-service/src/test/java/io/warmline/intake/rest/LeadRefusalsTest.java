package io.warmline.intake.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.warmline.platform.rest.ProblemMappers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Every class of refusal, each with its status and problem details, and none leaving a lead, an outbox row or an
 * event behind. Refusals are checked in the documented order, so each case gets every earlier check right.
 */
@QuarkusTest
class LeadRefusalsTest extends IntakeTest {

    static final String LEAD = "L-refused";
    TestVendor vendor;

    @BeforeEach
    void registerVendor() {
        vendor = TestVendor.register(clock);
    }

    @Test
    void refusesMissingSignatureHeaders() {
        refused(given().contentType("application/json").body(lead()).post("/vendors/{v}/leads", vendor.id).then(),
                401, "missing-signature");
        refused(vendor.postSigned(TestVendor.newMessageId(), clock.epochSecond(), lead(), ""), 401,
                "missing-signature");
        assertNothingStored();
    }

    @Test
    void refusesASignatureMadeWithAnotherSecretOrOverAnotherBody() {
        String messageId = TestVendor.newMessageId();
        long now = clock.epochSecond();
        String otherSecret = "whsec_" + "A".repeat(43) + "=";
        refused(vendor.postSigned(messageId, now, lead(), TestVendor.sign(otherSecret, messageId, now, lead())),
                401, "invalid-signature");
        refused(vendor.postSigned(messageId, now, lead(), TestVendor.sign(vendor.secret, messageId, now, lead() + " ")),
                401, "invalid-signature");
        refused(vendor.postSigned(messageId, now, lead(), "v0,garbage"), 401, "invalid-signature");
        assertNothingStored();
    }

    @Test
    void refusesStaleFutureAndMalformedTimestamps() {
        long now = clock.epochSecond();
        refused(vendor.post(TestVendor.newMessageId(), now - 301, lead()), 401, "stale-timestamp");
        refused(vendor.post(TestVendor.newMessageId(), now + 301, lead()), 401, "future-timestamp");
        String messageId = TestVendor.newMessageId();
        refused(given().contentType("application/json").header("webhook-id", messageId)
                .header("webhook-timestamp", "yesterday").header("webhook-signature", "v1,x").body(lead())
                .post("/vendors/{v}/leads", vendor.id).then(), 401, "invalid-timestamp");
        assertNothingStored();
    }

    @Test
    void refusesAWebhookIdThatCannotBeRecorded() {
        refused(vendor.post("x".repeat(129), clock.epochSecond(), lead()), 400, "invalid-webhook-id");
        assertNothingStored();
    }

    @Test
    void answersAReplayedWebhookIdAsADuplicateAndCreatesNothing() {
        String messageId = TestVendor.newMessageId();
        long now = clock.epochSecond();
        String leadId = vendor.post(messageId, now, Leads.lead("L-original", clock.instant()))
                .statusCode(202).extract().path("leadId");
        vendor.post(messageId, now, lead())
                .statusCode(200).body("leadId", equalTo(leadId)).body("status", equalTo("duplicate"));
        // Checked before the body is read: a replay answers the same whatever it carries.
        vendor.post(messageId, now, "{not json").statusCode(200).body("leadId", equalTo(leadId));

        assertNothingStored();
        records.assertPublishedOnce(leadId);
    }

    @Test
    void refusesMalformedJsonNamingWhereItBroke() {
        refused(vendor.post("{\"vendorLeadId\":\"" + LEAD + "\", "), 400, "malformed-json")
                .body("detail", containsString("line 1"));
        refused(vendor.post(lead().replace("{\"vendorLeadId\"", "{\"name\":\"Max\",\"vendorLeadId\"")), 400,
                "malformed-json").body("detail", containsString("Duplicate field 'name'"));
        refused(vendor.post(lead() + " {}"), 400, "malformed-json");
        refused(vendor.post(""), 400, "malformed-json");
        assertNothingStored();
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                invalid("vendorLeadId", "is required", lead -> lead.without("vendorLeadId")),
                invalid("vendorLeadId", "at most 128", lead -> lead.put("vendorLeadId", "L".repeat(129))),
                invalid("vendorLeadId", "must be a string", lead -> lead.put("vendorLeadId", 42)),
                invalid("name", "is required", lead -> lead.without("name")),
                invalid("name", "must not be blank", lead -> lead.put("name", "  ")),
                invalid("phone", "a phone number or an email is required", lead -> lead.without(
                        java.util.List.of("phone", "email"))),
                invalid("phone", "not a valid phone number", lead -> lead.put("phone", "12")),
                invalid("email", "not a valid email", lead -> lead.put("email", "sam.example.com")),
                invalid("signal", "is required", lead -> lead.without("signal")),
                invalid("signal", "must be an object", lead -> lead.put("signal", "callback_agreed")),
                invalid("signal.type", "is required, one of: callback_agreed", lead -> signal(lead).without("type")),
                invalid("signal.type", "unknown signal type 'cold_call'", lead -> signal(lead).put("type", "cold_call")),
                invalid("signal.occurredAt", "is required", lead -> signal(lead).without("occurredAt")),
                invalid("signal.occurredAt", "ISO-8601", lead -> signal(lead).put("occurredAt", "yesterday")),
                invalid("signal.occurredAt", "in the future", lead -> signal(lead).put("occurredAt", "2999-01-01T00:00:00Z")),
                invalid("notes", "at most 4000", lead -> lead.put("notes", "x".repeat(4001))),
                invalid("preferredCallWindow.to", "after preferredCallWindow.from", lead -> lead.putObject(
                        "preferredCallWindow").put("from", "2026-11-23T17:00:00Z").put("to", "2026-11-23T15:00:00Z")),
                invalid("preferredCallWindow.timeZone", "not a known time zone", lead -> lead.putObject(
                        "preferredCallWindow").put("from", "2026-11-23T15:00:00Z").put("to", "2026-11-23T17:00:00Z")
                        .put("timeZone", "Mars/Olympus_Mons")),
                invalid("consent.granted", "true or false", lead -> lead.putObject("consent").put("granted", "yes")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidFields")
    void refusesEachMissingOrInvalidFieldNamingItAndWhy(String field, String reason, UnaryOperator<ObjectNode> change)
            throws Exception {
        ObjectNode lead = (ObjectNode) new ObjectMapper().readTree(lead());
        change.apply(lead);
        refused(vendor.post(lead.toString()), 422, "invalid-lead")
                .body("errors.find { it.field == '" + field + "' }.reason", containsString(reason));
        assertNothingStored();
    }

    @Test
    void namesEveryInvalidFieldAtOnce() {
        refused(vendor.post("{}"), 422, "invalid-lead")
                .body("errors.field", contains("vendorLeadId", "name", "phone", "signal"));
        refused(vendor.post("[1, 2]"), 422, "invalid-lead").body("errors.field", contains("$"));
    }

    @Test
    void refusesAnOversizedBody() {
        refused(vendor.post(lead().replace("South-facing", "x".repeat(70_000))), 413, "body-too-large");
        // Over the HTTP layer's own limit too, the answer is problem details, not a bare status.
        refused(vendor.post(lead().replace("South-facing", "x".repeat(2_000_000))), 413, "body-too-large");
        assertNothingStored();
    }

    @Test
    void refusesTheWrongContentType() {
        refused(given().contentType("text/plain").body(lead()).post("/vendors/{v}/leads", vendor.id).then(), 415,
                "unsupported-media-type");
        refused(given().body(lead().getBytes()).post("/vendors/{v}/leads", vendor.id).then(), 415,
                "unsupported-media-type");
        assertNothingStored();
    }

    @Test
    void refusesAnUnknownVendor() {
        refused(given().contentType("application/json").body(lead()).post("/vendors/{v}/leads", "no-such-vendor")
                .then(), 401, "unknown-vendor");
        records.assertNothingStored("no-such-vendor", LEAD);
    }

    @Test
    void refusesADisabledVendorUntilItIsEnabledAgain() {
        Operators.operator().post("/vendors/{v}/disable", vendor.id).then().statusCode(200).body("enabled", equalTo(false));
        refused(vendor.post(lead()), 403, "vendor-disabled");
        assertNothingStored();

        Operators.operator().post("/vendors/{v}/enable", vendor.id).then().statusCode(200).body("enabled", equalTo(true));
        vendor.post(lead()).statusCode(202);
    }

    @Test
    void limitsEachVendorsRateWithoutSlowingTheOthers() {
        TestVendor limited = TestVendor.register(clock, 2);
        limited.post(Leads.lead("L-1", clock.instant())).statusCode(202);
        limited.post(Leads.lead("L-2", clock.instant())).statusCode(202);
        refused(limited.post(Leads.lead(LEAD, clock.instant())), 429, "rate-limited")
                .header("Retry-After", "30");
        vendor.post(Leads.lead("L-meanwhile", clock.instant())).statusCode(202);
        records.assertNothingStored(limited.id, LEAD);

        clock.advance(Duration.ofSeconds(30));
        limited.post(Leads.lead(LEAD, clock.instant())).statusCode(202);
    }

    private static Arguments invalid(String field, String reason, UnaryOperator<ObjectNode> change) {
        return Arguments.of(field, reason, change);
    }

    private static ObjectNode signal(ObjectNode lead) {
        return (ObjectNode) lead.get("signal");
    }

    private String lead() {
        return Leads.lead(LEAD, clock.instant());
    }

    private void assertNothingStored() {
        records.assertNothingStored(vendor.id, LEAD);
    }

    static ValidatableResponse refused(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status)
                .contentType(ProblemMappers.MEDIA_TYPE)
                .body("type", equalTo("urn:warmline:problem:" + slug))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }
}
