package io.warmline.intake.service;

import io.warmline.intake.config.IntakeConfig;
import io.warmline.intake.domain.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;

/** The service's one {@link SecretSealer}, keyed from configuration. */
@ApplicationScoped
public class VendorSecrets {

    private final SecretSealer sealer;

    VendorSecrets(IntakeConfig config) {
        this.sealer = new SecretSealer(config.secretKey());
    }

    public String newSecret() {
        return sealer.newSecret();
    }

    public String seal(String secret) {
        return sealer.seal(secret);
    }

    public String unseal(String sealed) {
        return sealer.unseal(sealed);
    }
}
