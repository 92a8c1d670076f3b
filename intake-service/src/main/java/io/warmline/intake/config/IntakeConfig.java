package io.warmline.intake.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

@ConfigMapping(prefix = "warmline.intake")
public interface IntakeConfig {

    /** How far a webhook's timestamp may be from our clock, either way. */
    Duration signatureTolerance();

    /** Base64 AES-256 key sealing vendor secrets at rest. */
    String secretKey();

    /** How long a replaced signing secret stays valid after a rotation, unless the operator names another. */
    Duration rotationGrace();

    /** The longest grace period an operator may give a replaced secret. */
    Duration maxRotationGrace();

    /** The rate limit of a vendor registered without its own. */
    int requestsPerMinute();

    /** A lead for the same person (phone or email) from another vendor within this window is linked to it. */
    Duration samePersonWindow();

    /** How long a vendor's credentials are reused from memory; a change made on another replica waits this long. */
    Duration credentialsCacheTtl();

    /** How long webhook message ids are kept to recognise replays; at least twice the signature tolerance. */
    Duration replayRetention();
}
