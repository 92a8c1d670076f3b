package io.warmline.scoring.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.warmline.scoring.domain.Evidence;
import io.warmline.scoring.domain.Signal;
import io.warmline.scoring.persistence.LeadEvidence;
import io.warmline.scoring.persistence.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The evidence of each lead's intent, appended as LeadReceived events are applied and read back to score it. */
@ApplicationScoped
public class EvidenceLog {

    private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {
    };
    private final StoredJson json;

    EvidenceLog(StoredJson json) {
        this.json = json;
    }

    public Uni<Void> append(Mutiny.Session session, UUID leadId, UUID sourceLeadId, UUID eventId,
                            List<Signal> signals, String notes, Instant now) {
        LeadEvidence row = new LeadEvidence();
        row.leadId = leadId;
        row.sourceLeadId = sourceLeadId;
        row.eventId = eventId;
        row.signals = json.write(signals);
        row.notes = notes;
        row.arrivedAt = now;
        return session.persist(row);
    }

    /** Each lead's evidence, for leads that have some. */
    public Uni<Map<UUID, Evidence>> of(Mutiny.Session session, Collection<UUID> leadIds) {
        return session.createSelectionQuery("from LeadEvidence where leadId in :ids order by id", LeadEvidence.class)
                .setParameter("ids", leadIds)
                .getResultList()
                .map(rows -> {
                    Map<UUID, Evidence> evidence = new HashMap<>();
                    rows.stream().collect(Collectors.groupingBy(row -> row.leadId))
                            .forEach((leadId, itsRows) -> evidence.put(leadId, evidence(itsRows)));
                    return evidence;
                });
    }

    /** The lead a lead id was linked to, when it arrived as the same person as an earlier lead. */
    public Uni<UUID> linkedTo(Mutiny.Session session, UUID leadId) {
        return session.createSelectionQuery("select leadId from LeadEvidence where sourceLeadId = :id "
                        + "and leadId <> :id", UUID.class)
                .setParameter("id", leadId)
                .setMaxResults(1)
                .getSingleResultOrNull();
    }

    private Evidence evidence(List<LeadEvidence> rows) {
        List<Signal> signals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        rows.forEach(row -> {
            signals.addAll(json.read(row.signals, SIGNALS));
            notes.add(row.notes);
        });
        Instant lastArrived = rows.stream().map(row -> row.arrivedAt).max(Comparator.naturalOrder()).orElseThrow();
        // The same action reported twice (two vendors sending one demo request) is one signal, not two.
        return new Evidence(signals.stream().distinct().toList(), notes, lastArrived);
    }
}
