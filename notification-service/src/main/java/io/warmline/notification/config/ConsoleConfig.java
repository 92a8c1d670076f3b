package io.warmline.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the rep console served here needs to know ({@code warmline.console.*}). */
@ConfigMapping(prefix = "warmline.console")
public interface ConsoleConfig {

    /**
     * routing-service's base URL as the rep's browser reaches it (presence, leads, follow-ups); routing-service must
     * allow this service's origin (its {@code quarkus.http.cors.origins}).
     */
    @WithDefault("http://127.0.0.1:8083")
    String routingUrl();
}
