package io.warmline.notification.service;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.messaging.RepChanged;
import io.warmline.notification.persistence.RosterRep;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.platform.messaging.PoisonEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;


/** The local copy of routing's roster: who a rep is, their email, their team and team lead. */
@ApplicationScoped
public class Roster {

    private final Mutiny.SessionFactory sessions;

    Roster(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Void> changed(EventEnvelope envelope, RepChanged rep) {
        if (rep.repId() == null || rep.repId().isBlank() || rep.repId().length() > 100) {
            throw new PoisonEvent("RepChanged " + envelope.eventId() + " has no usable repId", null);
        }
        return sessions.withTransaction(session -> session.find(RosterRep.class, rep.repId()).chain(found -> {
                    RosterRep row = found == null ? new RosterRep() : found;
                    row.repId = rep.repId();
                    row.name = rep.name();
                    row.email = rep.email();
                    row.teamId = rep.teamId();
                    row.teamLeadRepId = rep.teamLeadRepId();
                    row.teamLeadEmail = rep.teamLeadEmail();
                    row.timeZone = rep.timeZone();
                    row.active = rep.active() == null || rep.active();
                    if (rep.workingHours() != null) {
                        row.shiftStart = rep.workingHours().start();
                        row.shiftEnd = rep.workingHours().end();
                        row.daysOff = rep.workingHours().daysOff() == null ? ""
                                : String.join(",", rep.workingHours().daysOff());
                    }
                    return found == null ? session.persist(row) : Uni.createFrom().voidItem();
                }));
    }

    /** The rep as routing last described them, or a bare entry when routing has not yet. */
    public Uni<RosterRep> find(Mutiny.Session session, String repId) {
        return session.find(RosterRep.class, repId).map(found -> {
            if (found != null) {
                return found;
            }
            RosterRep unknown = new RosterRep();
            unknown.repId = repId;
            unknown.active = true;
            return unknown;
        });
    }
}
