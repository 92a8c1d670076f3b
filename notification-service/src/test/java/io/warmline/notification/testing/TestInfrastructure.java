package io.warmline.notification.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * What the tests need beside Kafka and PostgreSQL: an RSA key pair made at test start (no private key in git) whose
 * public half the service verifies tokens with, VAPID keys, a team webhook secret, and a real SMTP server
 * (GreenMail) on a free local port.
 */
public class TestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static GreenMail smtp;

    public static GreenMail smtp() {
        return smtp;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-jwt"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path publicKey = dir.resolve("public.pem");
            Path privateKey = dir.resolve("private.pem");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));

            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            KeyPair vapid = PushEndpoint.newP256KeyPair();
            byte[] webhookKey = new byte[32];
            new java.security.SecureRandom().nextBytes(webhookKey);
            return Map.of(
                    "warmline.escalation.webhook.secret", "whsec_" + Base64.getEncoder().encodeToString(webhookKey),
                    "warmline.escalation.web-push.public-key", PushEndpoint.base64Url(PushEndpoint.uncompressed(vapid)),
                    "warmline.escalation.web-push.private-key", PushEndpoint.base64Url(PushEndpoint.privateScalar(vapid)),
                    "mp.jwt.verify.publickey.location", publicKey.toUri().toString(),
                    "smallrye.jwt.sign.key.location", privateKey.toUri().toString(),
                    "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
