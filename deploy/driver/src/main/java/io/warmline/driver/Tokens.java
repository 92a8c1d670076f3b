package io.warmline.driver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * Bearer tokens for the running stack, signed with the stack's issuer key (deploy/local/services.sh makes it;
 * deploy/test.sh passes its path), carrying what the services read: issuer, subject, role (groups) and team.
 */
public final class Tokens {

    private final Path key;

    public Tokens(Path key) {
        this.key = key;
    }

    public String rep(String repId) {
        return issue("rep", repId, null);
    }

    public String operator() {
        return issue("operator", "operator-driver", null);
    }

    public String issue(String role, String subject, String team) {
        long now = Instant.now().getEpochSecond();
        String claims = "{\"iss\":\"warmline\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\",\"groups\":[\""
                + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + (team == null ? "" : ",\"team\":\"" + team + "\"") + "}";
        String input = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey());
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token with " + key.toAbsolutePath(), e);
        }
    }

    private PrivateKey privateKey() throws Exception {
        String pem = Files.readString(key).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
