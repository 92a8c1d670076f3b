package io.warmline.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a rep's alert stream behaves ({@code warmline.alerts.*}). */
@ConfigMapping(prefix = "warmline.alerts")
public interface AlertsConfig {

    /** Without a Last-Event-ID, a connecting rep first gets the alerts this recent. */
    @WithDefault("24h")
    Duration replayWindow();

    /** How often an idle stream gets a comment line, so proxies do not close it. */
    @WithDefault("15s")
    Duration heartbeatInterval();
}
