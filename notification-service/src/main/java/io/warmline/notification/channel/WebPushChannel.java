package io.warmline.notification.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.config.EscalationConfig;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.service.PushSubscriptions;
import jakarta.enterprise.context.ApplicationScoped;
import nl.martijndwars.webpush.AbstractPushService;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.HttpRequest;
import nl.martijndwars.webpush.Notification;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.Security;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Web Push to one of the rep's browsers, for when the app is closed: VAPID-signed, payload encrypted per RFC 8291
 * (aes128gcm) by the maintained {@code nl.martijndwars:web-push} library, sent with the JDK's HTTP client. A push
 * service answering 404 or 410 says the subscription expired: it is removed and the failure is permanent.
 */
@ApplicationScoped
public class WebPushChannel implements Channel {

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PushSubscriptions subscriptions;
    private final ObjectMapper json;
    private final EscalationConfig config;
    private volatile Vapid vapid;

    WebPushChannel(PushSubscriptions subscriptions, ObjectMapper json, EscalationConfig config) {
        this.subscriptions = subscriptions;
        this.json = json;
        this.config = config;
    }

    @Override
    public String name() {
        return WEB_PUSH;
    }

    /** Whether VAPID keys are configured; without them no push delivery is planned. */
    public boolean enabled() {
        return config.webPush().publicKey().isPresent() && config.webPush().privateKey().isPresent();
    }

    @Override
    public Uni<Void> send(String subscriptionId, Notice notice) {
        return subscriptions.find(Long.parseLong(subscriptionId)).chain(subscription -> {
            if (subscription == null) {
                return Uni.createFrom().failure(new ChannelFailure("subscription removed", true));
            }
            HttpRequest request;
            try {
                Notification push = new Notification(subscription.endpoint, subscription.p256dh, subscription.auth,
                        json.writeValueAsBytes(payload(notice)));
                request = vapid().request(push);
            } catch (Exception e) {
                return Uni.createFrom().failure(new ChannelFailure("cannot encrypt for this subscription: " + e, true));
            }
            java.net.http.HttpRequest.Builder post = java.net.http.HttpRequest.newBuilder(URI.create(request.getUrl()))
                    .timeout(Duration.ofSeconds(10))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.getBody()));
            request.getHeaders().forEach(post::header);
            return HttpReplies.send(http, post.build(), "push service")
                    .chain(response -> switch (response.statusCode()) {
                        case 200, 201, 202, 204 -> Uni.createFrom().voidItem();
                        case 404, 410 -> subscriptions.remove(subscription.id).chain(() -> Uni.createFrom()
                                .failure(new ChannelFailure("subscription expired, removed", true)));
                        default -> Uni.createFrom().failure(new ChannelFailure(
                                "push service answered " + response.statusCode(), response.statusCode() == 400
                                || response.statusCode() == 403 || response.statusCode() == 413));
                    });
        });
    }

    /** What the service worker receives: enough to show the notification and dial on tap. */
    static Map<String, Object> payload(Notice notice) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("kind", notice.kind());
        payload.put("title", notice.headline());
        payload.put("body", notice.message());
        payload.put("leadId", notice.leadId().toString());
        payload.put("telLink", notice.alert() == null ? null : notice.alert().telLink());
        return payload;
    }

    private Vapid vapid() throws java.security.GeneralSecurityException {
        if (vapid == null) {
            vapid = new Vapid(config.webPush().publicKey().orElseThrow(), config.webPush().privateKey().orElseThrow(),
                    config.webPush().subject());
        }
        return vapid;
    }

    /** The library's request preparation (VAPID JWT, RFC 8291 encryption) without its Apache HTTP client. */
    static final class Vapid extends AbstractPushService<Vapid> {
        Vapid(String publicKey, String privateKey, String subject) throws java.security.GeneralSecurityException {
            super(publicKey, privateKey, subject);
        }

        HttpRequest request(Notification notification) throws Exception {
            return prepareRequest(notification, Encoding.AES128GCM);
        }
    }
}
