package io.warmline.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every incoming channel's meters exist from the start, at zero: {@code warmline_dead_letters_total{channel}} and
 * {@code warmline_consumer_waiting{channel}}. A series that appears only with its first event leaves dashboards
 * blank and {@code increase()} blind to that first event, and an alert naming it cannot be told from a typo.
 */
@ApplicationScoped
public class ChannelMeters {

    static final String DEAD_LETTERS = "warmline.dead.letters";
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");

    void register(@Observes StartupEvent started, Config config, MeterRegistry meters, ConsumerHealth health) {
        for (String channel : incomingChannels(config.getPropertyNames())) {
            meters.counter(DEAD_LETTERS, "channel", channel);
            health.track(channel);
        }
    }

    /** The incoming channels configured: each has a {@code mp.messaging.incoming.<channel>.connector}. */
    static Set<String> incomingChannels(Iterable<String> propertyNames) {
        Set<String> channels = new TreeSet<>();
        for (String name : propertyNames) {
            Matcher matcher = INCOMING.matcher(name);
            if (matcher.matches()) {
                channels.add(matcher.group(1));
            }
        }
        return channels;
    }
}
