package io.warmline.platform.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.warmline.platform.domain.AesGcm;
import io.warmline.platform.domain.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each lead's data key in {@code personal_data.lead_key} (created by {@code deploy/local/database.sql}): intake creates
 * it with the lead and deletes it on erasure; scoring and notification read it to open the personal data of the
 * lead's events. Never cached: a reader looks it up once per event it opens, and locks it ({@code FOR KEY SHARE})
 * until its transaction commits, so an erasure's delete waits for that commit and the erasure event that follows
 * finds what the reader wrote; a reader after the erasure finds no key and writes nothing readable.
 */
@ApplicationScoped
public class LeadKeys {

    /** A new key for a new lead, in the transaction that stores the lead. */
    public Uni<byte[]> create(Mutiny.Session session, UUID leadId, Instant now) {
        byte[] key = AesGcm.newKey();
        return session.createNativeQuery("INSERT INTO personal_data.lead_key (lead_id, data_key, created_at) "
                        + "VALUES (:id, :key, :at)")
                .setParameter("id", leadId)
                .setParameter("key", key)
                .setParameter("at", now)
                .executeUpdate()
                .replaceWith(key);
    }

    /** The lead's key, locked until this transaction ends; null once the lead was erased. */
    public Uni<byte[]> find(Mutiny.Session session, UUID leadId) {
        // No result class: a native query with one adds a plan to Hibernate's cache that no later query matches.
        return session.<Object>createNativeQuery(
                        "SELECT data_key FROM personal_data.lead_key WHERE lead_id = :id FOR KEY SHARE")
                .setParameter("id", leadId)
                .getResultList()
                .map(keys -> keys.isEmpty() ? null : (byte[]) keys.get(0));
    }

    /** The lead's personal data from a sealed envelope; empty without an envelope or once the lead was erased. */
    public Uni<Optional<ObjectNode>> open(Mutiny.Session session, UUID leadId, JsonNode sealed) {
        if (!PersonalData.isSealed(sealed)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return find(session, leadId).map(key -> PersonalData.open(sealed, key, leadId));
    }

    /** Destroys the keys: whatever was sealed under them, on any topic or in any table, can no longer be read. */
    public Uni<Integer> destroy(Mutiny.Session session, Collection<UUID> leadIds) {
        if (leadIds.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return session.createNativeQuery("DELETE FROM personal_data.lead_key WHERE lead_id IN (:ids)")
                .setParameter("ids", List.copyOf(leadIds))
                .executeUpdate();
    }
}
