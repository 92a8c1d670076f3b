package io.warmline.notification.messaging;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.service.LeadFollowUps;
import io.warmline.notification.service.Roster;
import io.warmline.platform.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes routing's {@code FollowUpLogged}, {@code LeadClosed} and {@code RepChanged}. */
@ApplicationScoped
public class LeadProgressConsumers {

    private final EventReader reader;
    private final LeadFollowUps followUps;
    private final Roster roster;

    LeadProgressConsumers(EventReader reader, LeadFollowUps followUps, Roster roster) {
        this.reader = reader;
        this.followUps = followUps;
        this.roster = roster;
    }

    @Incoming("follow-up-logged")
    public Uni<Void> followUpLogged(String payload) {
        return reader.apply("follow-up-logged", payload, FollowUpLogged.TYPE, FollowUpLogged.class, followUps::logged);
    }

    @Incoming("lead-closed")
    public Uni<Void> leadClosed(String payload) {
        return reader.apply("lead-closed", payload, LeadClosed.TYPE, LeadClosed.class, followUps::closed);
    }

    @Incoming("rep-changed")
    public Uni<Void> repChanged(String payload) {
        return reader.applyWithoutLead("rep-changed", payload, RepChanged.TYPE, RepChanged.class, roster::changed);
    }
}
