package io.warmline.intake.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "warmline.intake")
public interface IntakeConfig {

    /** How far a webhook's timestamp may be from our clock, either way. */
    Duration signatureTolerance();

    /** Largest lead body accepted; larger ones get 413. */
    int maxBodyBytes();

    /** Base64 AES-256 key sealing vendor secrets at rest. */
    String secretKey();
}
