package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.config.IntakeConfig;
import io.warmline.intake.domain.SigningSecrets;
import io.warmline.intake.persistence.Vendor;
import io.warmline.platform.rest.AuditLog;
import io.warmline.platform.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Registers vendors, enables and disables them, rotates their signing secrets, and hands out their credentials
 * for checking signed requests. A secret is shown in clear only in the answer that creates it.
 */
@ApplicationScoped
public class VendorRegistry {

    private final Mutiny.SessionFactory sessions;
    private final VendorSecrets secrets;
    private final CredentialsCache cache;
    private final KnownVendors known;
    private final IntakeConfig config;
    private final AuditLog audit;

    VendorRegistry(Mutiny.SessionFactory sessions, VendorSecrets secrets, CredentialsCache cache, KnownVendors known,
                   IntakeConfig config, AuditLog audit) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.cache = cache;
        this.known = known;
        this.config = config;
        this.audit = audit;
    }

    /** A vendor with a secret just made, in clear: the only time it is shown. */
    public record WithNewSecret(Vendor vendor, String secret) {

        @Override
        public String toString() {
            return "WithNewSecret[" + vendor.id + "]";
        }
    }

    /** Empty when the id is taken. */
    public Uni<Optional<WithNewSecret>> register(String id, String name, String defaultRegion,
                                                 Integer requestsPerMinute, Instant now) {
        String secret = secrets.newSecret();
        Vendor vendor = new Vendor();
        vendor.id = id;
        vendor.name = name;
        vendor.defaultRegion = defaultRegion;
        vendor.sealedSecret = secrets.seal(secret);
        vendor.requestsPerMinute = requestsPerMinute;
        vendor.enabled = true;
        vendor.createdAt = now;
        return sessions.withTransaction(session -> session.find(Vendor.class, id)
                        .chain(existing -> existing != null
                                ? Uni.createFrom().item(Optional.<WithNewSecret>empty())
                                : session.persist(vendor)
                                .call(() -> audit.record(session, "vendor.registered", id, Map.of("name", name,
                                        "defaultRegion", defaultRegion, "requestsPerMinute",
                                        requestsPerMinute == null ? "default" : requestsPerMinute)))
                                .replaceWith(Optional.of(new WithNewSecret(vendor, secret)))))
                .onFailure(UniqueViolation::test).recoverWithItem(Optional.empty())
                .invoke(registered -> {
                    registered.ifPresent(created -> known.registered(id));
                    cache.forget(id);
                });
    }

    /** Vendors by id, from the page's cursor on. */
    public Uni<List<Vendor>> list(PageRequest page) {
        return sessions.withSession(session -> {
            var query = session.createSelectionQuery("from Vendor" + (page.first() ? "" : " where id > :after")
                    + " order by id", Vendor.class);
            if (!page.first()) {
                query.setParameter("after", page.afterText(0));
            }
            return query.setMaxResults(page.rowsToFetch()).getResultList();
        });
    }

    public Uni<Optional<Vendor>> find(String id) {
        return sessions.withSession(session -> session.find(Vendor.class, id)).map(Optional::ofNullable);
    }

    /** Empty when there is no such vendor. */
    public Uni<Optional<Vendor>> setEnabled(String id, boolean enabled) {
        return change(id, enabled ? "vendor.enabled" : "vendor.disabled", Map.of(), vendor -> vendor.enabled = enabled);
    }

    /**
     * Replaces the vendor's secret; the replaced one stays valid for {@code grace} (zero revokes it at once, for a
     * leaked secret). Empty when there is no such vendor.
     */
    public Uni<Optional<WithNewSecret>> rotateSecret(String id, Duration grace, Instant now) {
        String secret = secrets.newSecret();
        return change(id, "vendor.secret-rotated", Map.of("gracePeriod", grace.toString()), vendor -> {
            SigningSecrets rotated = signingSecrets(vendor).rotate(secret, now, grace);
            vendor.sealedSecret = secrets.seal(rotated.current());
            vendor.previousSealedSecret = rotated.previous() == null ? null : secrets.seal(rotated.previous());
            vendor.previousSecretValidUntil = rotated.previousValidUntil();
        }).map(changed -> changed.map(vendor -> new WithNewSecret(vendor, secret)));
    }

    /** Empty for an id no vendor has: without a query once the known ids are loaded ({@link KnownVendors}). */
    public Uni<Optional<VendorCredentials>> credentials(String vendorId) {
        if (known.certainlyUnknown(vendorId)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return cache.get(vendorId, () -> find(vendorId).map(found -> found.map(vendor -> new VendorCredentials(
                vendor.id, vendor.enabled, vendor.defaultRegion, signingSecrets(vendor), requestsPerMinute(vendor)))));
    }

    /** The vendor's own rate limit, or the service default when it has none. */
    public int requestsPerMinute(Vendor vendor) {
        return vendor.requestsPerMinute == null ? config.requestsPerMinute() : vendor.requestsPerMinute;
    }

    /** Changes the vendor and records {@code action} in the audit log, in one transaction; nothing for no vendor. */
    private Uni<Optional<Vendor>> change(String id, String action, Map<String, ?> detail, Consumer<Vendor> change) {
        // The row lock keeps two rotations at once from both keeping the same previous secret.
        return sessions.withTransaction(session -> session.find(Vendor.class, id, org.hibernate.LockMode.PESSIMISTIC_WRITE)
                        .call(vendor -> {
                            if (vendor == null) {
                                return Uni.createFrom().voidItem();
                            }
                            change.accept(vendor);
                            return audit.record(session, action, id, detail);
                        }))
                .map(Optional::ofNullable)
                .invoke(() -> cache.forget(id));
    }

    private SigningSecrets signingSecrets(Vendor vendor) {
        return new SigningSecrets(secrets.unseal(vendor.sealedSecret),
                vendor.previousSealedSecret == null ? null : secrets.unseal(vendor.previousSealedSecret),
                vendor.previousSecretValidUntil);
    }
}
