package io.warmline.notification.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.warmline.notification.channel.Channel;
import io.warmline.notification.channel.WebPushChannel;
import io.warmline.notification.config.EscalationConfig;
import io.warmline.notification.domain.Notice;
import io.warmline.notification.persistence.Delivery;
import io.warmline.notification.persistence.PushSubscription;
import io.warmline.notification.persistence.RosterRep;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides who gets a notice on which channel and records each as a pending delivery, inside the transaction that
 * decided to send it; {@link DeliveryDispatcher} sends them after the commit.
 */
@ApplicationScoped
public class Deliveries {

    /** One channel and whom it addresses. */
    public record Route(String channel, String recipient) {
    }

    private final PushSubscriptions subscriptions;
    private final EscalationConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebPushChannel webPush;

    Deliveries(PushSubscriptions subscriptions, EscalationConfig config, ObjectMapper json, Clock clock,
               WebPushChannel webPush) {
        this.subscriptions = subscriptions;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.webPush = webPush;
    }

    /** The rep on the live stream, and on each registered browser when Web Push is configured. */
    public Uni<List<Route>> toRep(Mutiny.Session session, String repId) {
        Uni<List<PushSubscription>> browsers = webPush.enabled() ? subscriptions.ofRep(session, repId)
                : Uni.createFrom().item(List.of());
        return browsers.map(found -> {
            List<Route> routes = new ArrayList<>();
            routes.add(new Route(Channel.SSE, repId));
            found.forEach(browser -> routes.add(new Route(Channel.WEB_PUSH, browser.id.toString())));
            return routes;
        });
    }

    public List<Route> byEmail(String address) {
        return address == null ? List.of() : List.of(new Route(Channel.EMAIL, address));
    }

    public List<Route> toTeamLead(RosterRep rep) {
        return byEmail(rep.teamLeadEmail);
    }

    public List<Route> toOperators() {
        return config.operatorEmails().stream().map(address -> new Route(Channel.EMAIL, address)).toList();
    }

    public List<Route> toTeamChannel(RosterRep rep) {
        String url = rep.teamId == null ? null : config.webhook().teams().get(rep.teamId);
        if (url == null) {
            url = config.webhook().url().orElse(null);
        }
        return url == null ? List.of() : List.of(new Route(Channel.WEBHOOK, url));
    }

    /** Records the notice as pending on each route. */
    public Uni<Void> add(Mutiny.Session session, Long timerId, Notice notice, List<Route> routes) {
        Instant now = clock.instant();
        List<Delivery> rows = routes.stream().map(route -> row(timerId, notice, route, now)).toList();
        return rows.isEmpty() ? Uni.createFrom().voidItem() : session.persistAll(rows.toArray());
    }

    Delivery row(Long timerId, Notice notice, Route route, Instant now) {
        Delivery row = new Delivery();
        row.leadId = notice.leadId();
        row.timerId = timerId;
        row.channel = route.channel();
        row.recipient = route.recipient();
        row.notice = write(notice);
        row.status = Delivery.PENDING;
        row.nextAttemptAt = now;
        row.createdAt = now;
        return row;
    }

    /** Where a notice goes when {@code failed} gave up, or null when that channel has no fallback. */
    public Route fallback(String failed, Notice notice) {
        String channel = config.deliveries().fallback().get(failed);
        if (channel == null) {
            return null;
        }
        return switch (channel) {
            case Channel.SSE, Channel.WEB_PUSH -> new Route(Channel.SSE, notice.repId());
            case Channel.EMAIL -> config.operatorEmails().isEmpty() ? null
                    : new Route(Channel.EMAIL, config.operatorEmails().get(0));
            case Channel.WEBHOOK -> config.webhook().url().map(url -> new Route(Channel.WEBHOOK, url)).orElse(null);
            default -> null;
        };
    }

    String write(Notice notice) {
        try {
            return json.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
