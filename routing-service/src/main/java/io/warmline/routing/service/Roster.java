package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.warmline.routing.domain.Presence;
import io.warmline.routing.messaging.OutboxRelay;
import io.warmline.routing.persistence.Rep;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The reps and their presence; a rep turning available takes waiting leads at once. */
@ApplicationScoped
public class Roster {

    private final Mutiny.SessionFactory sessions;
    private final Dispatcher dispatcher;
    private final OutboxRelay relay;
    private final Clock clock;

    Roster(Mutiny.SessionFactory sessions, Dispatcher dispatcher, OutboxRelay relay, Clock clock) {
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.relay = relay;
        this.clock = clock;
    }

    /** Creates or updates a rep; a new rep starts offline. True when created. */
    public Uni<Boolean> save(String id, String name, int capacity) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(Rep.class, id).chain(existing -> {
            Rep rep = existing != null ? existing : new Rep();
            rep.name = name;
            rep.capacity = Math.max(capacity, existing == null ? capacity : existing.openLeads);
            rep.updatedAt = now;
            if (existing != null) {
                return session.flush().chain(() -> dispatcher.drainQueue(session, now))
                        .map(assigned -> new Change<>(false, assigned));
            }
            rep.id = id;
            rep.presence = Presence.OFFLINE.wireName();
            return session.persist(rep).replaceWith(new Change<>(true, 0));
        })).map(this::afterCommit);
    }

    /** Empty when no such rep. */
    public Uni<Optional<Rep>> setPresence(String id, Presence presence) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(Rep.class, id).chain(rep -> {
            if (rep == null) {
                return Uni.createFrom().item(new Change<>(Optional.<Rep>empty(), 0));
            }
            rep.presence = presence.wireName();
            rep.updatedAt = now;
            Uni<Integer> drained = presence == Presence.AVAILABLE
                    ? session.flush().chain(() -> dispatcher.drainQueue(session, now))
                    : Uni.createFrom().item(0);
            return drained.map(assigned -> new Change<>(Optional.of(rep), assigned));
        })).map(this::afterCommit);
    }

    public Uni<List<Rep>> list() {
        return sessions.withSession(session -> session.createSelectionQuery("from Rep order by id", Rep.class)
                .getResultList());
    }

    public Uni<Optional<Rep>> find(String id) {
        return sessions.withSession(session -> session.find(Rep.class, id)).map(Optional::ofNullable);
    }

    /** A roster change and how many waiting leads it assigned. */
    private record Change<T>(T value, int assigned) {
    }

    /** Publishes the assignments a change made, once its transaction has committed. */
    private <T> T afterCommit(Change<T> change) {
        if (change.assigned() > 0) {
            relay.wake();
        }
        return change.value();
    }
}
