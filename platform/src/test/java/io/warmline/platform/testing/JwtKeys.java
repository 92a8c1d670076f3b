package io.warmline.platform.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * A fresh RSA key pair for each test run, written under target/ (no private key is ever committed): the app
 * verifies tokens with the public half, tests sign them with the private half. {@link #claims()} starts every test
 * token with what every service checks (issuer and audience).
 */
@QuarkusTestResource(JwtKeys.class)
public class JwtKeys implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createDirectories(Path.of("target", "jwt"));
            Path publicKey = dir.resolve("public.pem");
            Path privateKey = dir.resolve("private.pem");
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return Map.of("mp.jwt.verify.publickey.location", publicKey.toUri().toString(),
                    "smallrye.jwt.sign.key.location", privateKey.toUri().toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test key pair", e);
        }
    }

    /** Warmline's issuer ({@code iss}) and the audience every service requires ({@code aud}, mp.jwt.verify.audiences). */
    public static final String ISSUER = "warmline";
    public static final String AUDIENCE = "warmline";

    /** A token's claims as Warmline's issuer starts them: add subject, groups, team, then sign. */
    public static JwtClaimsBuilder claims() {
        return Jwt.issuer(ISSUER).audience(AUDIENCE);
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public void stop() {
    }
}
