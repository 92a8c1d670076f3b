package io.warmline.platform.rest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The words of the refusals whose advice depends on the service (who may do what there). */
@ConfigMapping(prefix = "warmline.problems")
public interface ProblemConfig {

    /** What a caller without a valid token should send. */
    @WithDefault("send a valid bearer token (JWT issued by warmline) in the Authorization header")
    String unauthenticated();

    /** Why a valid token was refused. */
    @WithDefault("your role may not do this; ask an operator")
    String forbidden();
}
