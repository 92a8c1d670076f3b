package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.LeadStatus;
import io.warmline.intake.domain.Milestone;
import io.warmline.intake.persistence.Lead;
import io.warmline.intake.persistence.LeadMilestone;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Optional;
import java.util.UUID;

/** Reads how far a vendor's own lead has come; another vendor's lead is, to it, no lead at all. */
@ApplicationScoped
public class LeadProgress {

    private final Mutiny.SessionFactory sessions;

    LeadProgress(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** A vendor's lead as it stands; {@code linked}: another vendor sent the same person first. */
    public record VendorLead(UUID leadId, String vendorLeadId, boolean linked, LeadStatus status) {
    }

    public Uni<Optional<VendorLead>> of(String vendorId, UUID leadId) {
        return sessions.withSession(session -> session.find(Lead.class, leadId)
                .chain(lead -> lead == null || !lead.vendorId.equals(vendorId)
                        ? Uni.createFrom().item(Optional.<VendorLead>empty())
                        : session.createSelectionQuery("from LeadMilestone where leadId = :lead", LeadMilestone.class)
                                .setParameter("lead", leadId)
                                .getResultList()
                                .map(rows -> Optional.of(new VendorLead(lead.id, lead.vendorLeadId,
                                        lead.linkedLeadId != null, LeadStatus.of(rows.stream()
                                        .flatMap(row -> Milestone.fromWireName(row.milestone).stream()
                                                .map(milestone -> new LeadStatus.Reached(milestone, row.occurredAt,
                                                        row.outcome)))
                                        .toList()))))));
    }
}
