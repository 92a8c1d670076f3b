package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.domain.LeadSubmission;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Finds the earlier lead another vendor sent for the same person (same phone or same email) within the window.
 * The person is locked for the rest of the transaction first, so two vendors sending one person at the same
 * moment are linked too, instead of both being routed.
 */
@ApplicationScoped
class SamePerson {

    Uni<Optional<UUID>> earlierLead(Mutiny.Session session, String vendorId, LeadSubmission lead, Instant since) {
        return lock(session, lead).chain(() -> session.createSelectionQuery("""
                        select id from Lead
                         where vendorId <> :vendor and linkedLeadId is null and receivedAt >= :since
                           and (phone = :phone or email = :email)
                         order by receivedAt, id""", UUID.class)
                .setParameter("vendor", vendorId)
                .setParameter("since", since)
                .setParameter("phone", lead.phone())
                .setParameter("email", lead.email())
                .setMaxResults(1)
                .getSingleResultOrNull()
                .map(Optional::ofNullable));
    }

    // Transaction-scoped advisory locks, taken in ascending key order so two transactions never wait on each other
    // in a cycle (one statement: its select list is evaluated in order). The keys are hashes: the lock table never
    // holds a phone number or an email.
    private static Uni<Void> lock(Mutiny.Session session, LeadSubmission lead) {
        long[] keys = Stream.of(lead.phone() == null ? null : "phone:" + lead.phone(),
                        lead.email() == null ? null : "email:" + lead.email())
                .filter(Objects::nonNull).mapToLong(SamePerson::key).sorted().toArray();
        if (keys.length == 0) {
            return Uni.createFrom().voidItem();
        }
        // No result class: a native query with one adds a plan to Hibernate's cache that no later query matches.
        var locks = session.createNativeQuery(keys.length == 1 ? "SELECT 1 FROM pg_advisory_xact_lock(:k0)"
                : "SELECT pg_advisory_xact_lock(:k0), pg_advisory_xact_lock(:k1)");
        for (int i = 0; i < keys.length; i++) {
            locks.setParameter("k" + i, keys[i]);
        }
        return locks.getResultList().replaceWithVoid();
    }

    private static long key(String contact) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(contact.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
