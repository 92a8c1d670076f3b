package io.warmline.notification.service;

import io.smallrye.mutiny.Uni;
import io.warmline.notification.domain.LeadProgress;
import io.warmline.notification.persistence.LeadProgressRow;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.util.UUID;

/**
 * The lead's progress, read under a row lock inside the caller's transaction: an assignment, a follow-up and a close
 * of one lead, consumed from three topics possibly on three replicas at once, are applied one after the other.
 */
@ApplicationScoped
public class LeadProgressBook {

    private final Clock clock;

    LeadProgressBook(Clock clock) {
        this.clock = clock;
    }

    /** Locks the lead's row (creating it when the lead is new) and reads it; held until the caller commits. */
    public Uni<LeadProgressRow> lock(Mutiny.Session session, UUID leadId) {
        return session.createNativeQuery(
                        "INSERT INTO lead_progress (lead_id) VALUES (:lead) ON CONFLICT (lead_id) DO NOTHING")
                .setParameter("lead", leadId)
                .executeUpdate()
                .chain(() -> session.find(LeadProgressRow.class, leadId, LockMode.PESSIMISTIC_WRITE));
    }

    public static LeadProgress read(LeadProgressRow row) {
        return new LeadProgress(row.assignmentNumber, row.assignedAt, row.followedUpAt, row.closedAt != null);
    }

    /** Writes the progress back into the locked, managed row (flushed with the caller's transaction). */
    public void write(LeadProgressRow row, LeadProgress progress) {
        row.assignmentNumber = progress.assignmentNumber();
        row.assignedAt = progress.assignedAt();
        row.followedUpAt = progress.followedUpAt();
        if (progress.closed() && row.closedAt == null) {
            row.closedAt = clock.instant();
        }
    }
}
