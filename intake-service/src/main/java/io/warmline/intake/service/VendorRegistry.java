package io.warmline.intake.service;

import io.smallrye.mutiny.Uni;
import io.warmline.intake.persistence.Vendor;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registers vendors and hands out their signing secrets (once, at registration). */
@ApplicationScoped
public class VendorRegistry {

    private final Mutiny.SessionFactory sessions;
    private final VendorSecrets secrets;

    VendorRegistry(Mutiny.SessionFactory sessions, VendorSecrets secrets) {
        this.sessions = sessions;
        this.secrets = secrets;
    }

    /** A vendor just registered, with its secret in clear: the only time it is shown. */
    public record Registered(Vendor vendor, String secret) {
    }

    /** What verifying a vendor's webhook needs. */
    public record SigningKeys(boolean enabled, String defaultRegion, List<String> secrets) {
    }

    /** Empty when the id is taken. */
    public Uni<Optional<Registered>> register(String id, String name, String defaultRegion, Instant now) {
        String secret = secrets.newSecret();
        Vendor vendor = new Vendor();
        vendor.id = id;
        vendor.name = name;
        vendor.defaultRegion = defaultRegion;
        vendor.sealedSecret = secrets.seal(secret);
        vendor.enabled = true;
        vendor.createdAt = now;
        return sessions.withTransaction(session -> session.find(Vendor.class, id)
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(Optional.<Registered>empty())
                        : session.persist(vendor).replaceWith(Optional.of(new Registered(vendor, secret)))))
                .onFailure(UniqueViolation::test).recoverWithItem(Optional.empty());
    }

    public Uni<List<Vendor>> list() {
        return sessions.withSession(session -> session.createSelectionQuery("from Vendor order by id", Vendor.class)
                .getResultList());
    }

    public Uni<Optional<SigningKeys>> signingKeys(String vendorId) {
        return sessions.withSession(session -> session.find(Vendor.class, vendorId))
                .map(vendor -> Optional.ofNullable(vendor).map(found -> new SigningKeys(found.enabled,
                        found.defaultRegion, List.of(secrets.unseal(found.sealedSecret)))));
    }
}
