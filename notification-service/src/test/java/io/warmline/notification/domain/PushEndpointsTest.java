package io.warmline.notification.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Only https endpoints on the known push services' hosts; loopback only where allowed (tests). */
class PushEndpointsTest {

    private static final List<String> KNOWN = List.of("fcm.googleapis.com", "push.services.mozilla.com",
            "notify.windows.com", "push.apple.com");
    private final PushEndpoints production = new PushEndpoints(KNOWN, false);
    private final PushEndpoints tests = new PushEndpoints(KNOWN, true);

    @ParameterizedTest
    @ValueSource(strings = {"https://fcm.googleapis.com/fcm/send/abc:def",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
            "https://wns2-by3p.notify.windows.com/w/?token=BQYAAA",
            "https://web.push.apple.com/QGuQyavXutnMH", "https://FCM.googleapis.com/fcm/send/x",
            "https://fcm.googleapis.com:443/fcm/send/x"})
    void aKnownPushServiceIsAccepted(String endpoint) {
        assertNull(production.refusal(endpoint), endpoint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://attacker.example/collect", "http://fcm.googleapis.com/fcm/send/x",
            "https://fcm.googleapis.com.attacker.example/x", "https://evilfcm.googleapis.com.example/x",
            "https://notfcm.googleapis.co/x", "https://user:pw@fcm.googleapis.com/x",
            "https://fcm.googleapis.com:8443/x", "ftp://fcm.googleapis.com/x", "fcm.googleapis.com/x", "", "not a url",
            "http://127.0.0.1:9999/push", "https://localhost/push", "http://[::1]/push"})
    void anythingElseIsRefused(String endpoint) {
        assertNotNull(production.refusal(endpoint), endpoint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9999/push", "http://localhost:9999/push"})
    void loopbackOnlyWhereAllowed(String endpoint) {
        assertNull(tests.refusal(endpoint), endpoint);
        assertNotNull(production.refusal(endpoint), endpoint);
    }

    @org.junit.jupiter.api.Test
    void aMissingOrOverlongEndpointIsRefused() {
        assertNotNull(production.refusal(null));
        assertNotNull(production.refusal("https://fcm.googleapis.com/" + "x".repeat(2000)));
    }
}
