package io.warmline.platform.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Listens for what transactions NOTIFY at commit on a channel of this service's schema ({@code <schema>_<name>}),
 * over a connection of its own (the pool's connections come and go), back after a database restart. A NOTIFY is
 * delivered at commit, to every listening replica, in commit order; none is kept for a listener that was not
 * connected, which is why {@code onListening} runs at every (re)connection: the caller catches up there.
 */
@ApplicationScoped
public class CommitNotifications {

    private static final Logger LOG = Logger.getLogger(CommitNotifications.class);

    private final Pool pool;
    private final Config settings;
    private final Vertx vertx;
    private final List<PgSubscriber> subscribers = new CopyOnWriteArrayList<>();

    CommitNotifications(Pool pool, Config settings, Vertx vertx) {
        this.pool = pool;
        this.settings = settings;
        this.vertx = vertx;
    }

    /**
     * Calls {@code handler} with each payload notified on {@code <schema>_<name>}, and {@code onListening} each time
     * the listening (re)starts. Returns false when there is no reactive datasource URL to listen with.
     */
    public boolean listen(String name, Consumer<String> handler, Runnable onListening) {
        String url = settings.getOptionalValue("quarkus.datasource.reactive.url", String.class).orElse(null);
        if (url == null) {
            LOG.warnf("no reactive datasource URL: nothing listens for %s commits", name);
            return false;
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(settings.getOptionalValue("quarkus.datasource.username", String.class).orElse(null))
                .setPassword(settings.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        subscribers.add(subscriber);
        pool.query("SELECT current_schema()").execute().subscribe().with(rows -> {
            subscriber.channel(rows.iterator().next().getString(0) + "_" + name)
                    .subscribeHandler(listening -> onListening.run())
                    .handler(handler::accept);
            subscriber.connect().onFailure(failure -> LOG.warnf(
                    "cannot listen for %s commits yet (%s); retrying", name, failure.toString()));
        }, failure -> LOG.warnf("cannot listen for %s commits: %s", name, failure.toString()));
        return true;
    }

    void stop(@Observes ShutdownEvent stopping) {
        subscribers.forEach(PgSubscriber::close);
    }
}
