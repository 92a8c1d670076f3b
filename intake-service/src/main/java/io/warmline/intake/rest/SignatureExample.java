package io.warmline.intake.rest;

/**
 * The worked signing examples the OpenAPI contract publishes (as {@code x-signature-example} on each vendor
 * operation) and the READMEs repeat, so a vendor can check its code against them. The signatures were computed
 * with openssl from these inputs, not by this service; WebhookSignatureTest and DocumentedIntegrationTest check
 * both the service and a from-the-docs implementation against them.
 */
final class SignatureExample {

    static final String SECRET = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    static final String LEAD_BODY = "{\"vendorLeadId\":\"L-1001\",\"name\":\"Sam Taylor\",\"phone\":\"07911 123456\","
            + "\"signal\":{\"type\":\"callback_agreed\",\"occurredAt\":\"2026-11-23T13:50:00Z\"}}";

    static final String POST_LEAD = "{\"secret\":\"" + SECRET + "\",\"webhookId\":\"msg_2Nd8sQ1bR4\","
            + "\"webhookTimestamp\":\"1795442400\","
            + "\"body\":\"{\\\"vendorLeadId\\\":\\\"L-1001\\\",\\\"name\\\":\\\"Sam Taylor\\\",\\\"phone\\\":"
            + "\\\"07911 123456\\\",\\\"signal\\\":{\\\"type\\\":\\\"callback_agreed\\\",\\\"occurredAt\\\":"
            + "\\\"2026-11-23T13:50:00Z\\\"}}\","
            + "\"signedContent\":\"msg_2Nd8sQ1bR4.1795442400.<body>\","
            + "\"webhookSignature\":\"v1,xsfYXYaOQSmMhajn1T3s4kAOHtGIHrzHeLh6KqsgGdA=\"}";

    static final String READ_STATUS = "{\"secret\":\"" + SECRET + "\",\"webhookId\":\"msg_7Qb2kX9fL1\","
            + "\"webhookTimestamp\":\"1795442460\",\"body\":\"\","
            + "\"signedContent\":\"msg_7Qb2kX9fL1.1795442460.\","
            + "\"webhookSignature\":\"v1,zjuxEAGog1OBpvX/3Bc/GDQzxd1RNk1gt5O5EJElk78=\"}";

    private SignatureExample() {
    }
}
