package io.warmline.driver;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Bearer tokens for the running stack, signed with the stack's issuer key (deploy/local/services.sh makes it;
 * deploy/test.sh passes its path), carrying what the services check and read: issuer, audience, issue and expiry
 * times, subject, role (groups) and team. Built by SmallRye JWT, so no id can change the token's other claims.
 */
public final class Tokens {

    /** Who issues Warmline's tokens ({@code iss}) and whom they are for ({@code aud}): every service checks both. */
    public static final String ISSUER = "warmline";
    public static final String AUDIENCE = "warmline";
    public static final Set<String> ROLES = Set.of("rep", "team-lead", "operator");

    private static final Duration DRIVER_LIFETIME = Duration.ofHours(1);

    private final Path key;
    private final Clock clock;
    private PrivateKey privateKey;

    public Tokens(Path key) {
        this(key, Clock.systemUTC());
    }

    public Tokens(Path key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public String rep(String repId) {
        return issue("rep", repId, null);
    }

    public String operator() {
        return issue("operator", "operator-driver", null);
    }

    public String issue(String role, String subject, String team) {
        return issue(role, subject, team, DRIVER_LIFETIME);
    }

    /** A token for {@code subject} in {@code role} (rep, team-lead or operator), valid for {@code lifetime} from now. */
    public String issue(String role, String subject, String team, Duration lifetime) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be rep, team-lead or operator, not '" + role + "'");
        }
        Instant now = clock.instant();
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).upn(subject)
                .groups(Set.of(role)).issuedAt(now).expiresAt(now.plus(lifetime));
        if (team != null && !team.isEmpty()) {
            claims.claim("team", team);
        }
        return claims.jws().type("JWT").sign(privateKey());
    }

    private synchronized PrivateKey privateKey() {
        if (privateKey == null) {
            try {
                privateKey = KeyUtils.decodePrivateKey(Files.readString(key));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the signing key " + key.toAbsolutePath(), e);
            }
        }
        return privateKey;
    }
}
