package io.warmline.notification.testing;

import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A browser and its push service, as far as a test needs them: a subscription's own key pair and auth secret, and a
 * local HTTP endpoint that receives pushes and decrypts them (RFC 8291 / RFC 8188 aes128gcm) with the subscription's
 * private key, written here from the RFCs with the JDK alone, so the service's encryption is checked, not mocked.
 */
public final class PushEndpoint implements AutoCloseable {

    /** One push as received: the decrypted payload and the request's Authorization header (VAPID). */
    public record Push(String payload, String authorization, String encoding) {
    }

    private final HttpServer server;
    private final KeyPair browser = newP256KeyPair();
    private final byte[] authSecret = new byte[16];
    private final List<Push> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(201);

    public PushEndpoint() {
        new SecureRandom().nextBytes(authSecret);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/push/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answer.get();
            if (status / 100 == 2) {
                received.add(new Push(decrypt(body), exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Encoding")));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/push/" + System.nanoTime();
    }

    /** The subscription JSON a browser's PushSubscription.toJSON() gives, for this endpoint. */
    public Map<String, Object> subscription(String endpoint) {
        return Map.of("endpoint", endpoint, "keys", Map.of("p256dh", base64Url(uncompressed(browser)),
                "auth", base64Url(authSecret)));
    }

    /** From now on the push service answers this status (410: the subscription expired). */
    public void answer(int status) {
        answer.set(status);
    }

    public List<Push> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** RFC 8291 §3.4 and RFC 8188 §2: header (salt, record size, sender key), then one record, padding stripped. */
    String decrypt(byte[] body) {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            byte[] salt = new byte[16];
            in.get(salt);
            in.getInt(); // record size: one record here
            byte[] senderKey = new byte[in.get() & 0xff];
            in.get(senderKey);
            byte[] cipherText = new byte[in.remaining()];
            in.get(cipherText);

            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(browser.getPrivate());
            agreement.doPhase(publicKey(senderKey), true);
            byte[] ecdhSecret = agreement.generateSecret();

            byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uncompressed(browser),
                    senderKey);
            byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
            byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
            byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] padded = aes.doFinal(cipherText);
            int end = padded.length - 1;
            while (end >= 0 && padded[end] == 0) {
                end--;
            }
            if (end < 0 || padded[end] != 2) {
                throw new IllegalStateException("not the last record's padding delimiter");
            }
            return new String(padded, 0, end, StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("the push could not be decrypted", e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) with a single expand block, which every length here fits. */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    private ECPublicKey publicKey(byte[] uncompressedPoint) throws Exception {
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressedPoint, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressedPoint, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(
                new ECPublicKeySpec(point, ((ECPublicKey) browser.getPublic()).getParams()));
    }

    public static KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as the 65-byte uncompressed point (0x04 || x || y). */
    public static byte[] uncompressed(KeyPair pair) {
        ECPoint point = ((ECPublicKey) pair.getPublic()).getW();
        return concat(new byte[]{4}, fixed(point.getAffineX()), fixed(point.getAffineY()));
    }

    public static byte[] privateScalar(KeyPair pair) {
        return fixed(((ECPrivateKey) pair.getPrivate()).getS());
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
