package io.warmline.scoring.service;

import io.warmline.platform.rest.AuditLog;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.scoring.domain.ModelDefinition;
import io.warmline.scoring.domain.ModelRules;
import io.warmline.scoring.domain.WarmthModel;
import io.warmline.scoring.persistence.ModelVersion;
import io.warmline.scoring.persistence.StoredJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored versions of the warmth model. A version never changes once stored, so built models are cached by
 * version for good; only which version is active is read from the database each time, so a change made through
 * any replica takes effect on all of them at once, without a restart.
 */
@ApplicationScoped
public class Models {

    private final Mutiny.SessionFactory sessions;
    private final StoredJson json;
    private final Clock clock;
    private final AuditLog audit;
    private final Map<Integer, WarmthModel> built = new ConcurrentHashMap<>();

    Models(Mutiny.SessionFactory sessions, StoredJson json, Clock clock, AuditLog audit) {
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
    }

    /** Stores the standard model as version 1 when no model is stored yet; safe when replicas start together. */
    void seed(@Observes StartupEvent started, Pool database) {
        Instant now = clock.instant();
        database.preparedQuery("""
                        INSERT INTO warmth_model (version, definition, created_at, created_by, notes, activation,
                                                  activated_at)
                        SELECT 1, $1, $2, 'warmline', 'the standard model', nextval('warmth_model_activation'), $2
                         WHERE NOT EXISTS (SELECT 1 FROM warmth_model)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(json.write(ModelDefinition.standard()), now.atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
    }

    /** The model that scores now, inside the caller's transaction. */
    public Uni<WarmthModel> active(Mutiny.Session session) {
        return activeVersion(session).map(this::model);
    }

    public Uni<ModelVersion> activeVersion() {
        return sessions.withSession(this::activeVersion);
    }

    private Uni<ModelVersion> activeVersion(Mutiny.Session session) {
        return session.createSelectionQuery("from ModelVersion where activation is not null "
                + "order by activation desc", ModelVersion.class).setMaxResults(1).getSingleResult();
    }

    /** Every version, newest first. */
    public Uni<List<ModelVersion>> all() {
        return sessions.withSession(session -> session.createSelectionQuery("from ModelVersion order by version desc",
                ModelVersion.class).getResultList());
    }

    /** One version, or null. */
    public Uni<ModelVersion> version(int version) {
        return sessions.withSession(session -> session.find(ModelVersion.class, version));
    }

    /**
     * Stores a sound definition as the next version and activates it, in one transaction: a model is stored whole
     * or not at all. Throws {@link io.warmline.scoring.domain.InvalidModel} for an unsound one.
     */
    public Uni<ModelVersion> publish(ModelDefinition definition, String createdBy, String notes) {
        ModelRules.require(definition);
        Instant now = clock.instant();
        // The lock makes concurrent publishers take turns, so each gets its own next version number.
        return sessions.withTransaction(session -> session
                .createNativeQuery("LOCK TABLE warmth_model IN SHARE ROW EXCLUSIVE MODE").executeUpdate()
                .chain(() -> session.createSelectionQuery("select coalesce(max(version), 0) from ModelVersion",
                        Integer.class).getSingleResult())
                .chain(newest -> {
                    ModelVersion row = new ModelVersion();
                    row.version = newest + 1;
                    row.definition = json.write(definition);
                    row.createdAt = now;
                    row.createdBy = createdBy;
                    row.notes = notes;
                    return session.persist(row).chain(() -> activate(session, row, now))
                            .call(active -> audit.record(session, "model.published", "warmth-model",
                                    Map.of("version", active.version)));
                }));
    }

    /** Makes a stored version the active one again (a rollback); null when there is no such version. */
    public Uni<ModelVersion> activate(int version) {
        Instant now = clock.instant();
        return sessions.withTransaction(session -> session.find(ModelVersion.class, version)
                .chain(row -> row == null ? Uni.createFrom().nullItem() : activate(session, row, now)
                        .call(active -> audit.record(session, "model.activated", "warmth-model",
                                Map.of("version", active.version)))));
    }

    private Uni<ModelVersion> activate(Mutiny.Session session, ModelVersion row, Instant now) {
        // No result class: a native query with one adds a plan to Hibernate's cache that no later query matches.
        return session.createNativeQuery("SELECT nextval('warmth_model_activation')")
                .getSingleResult()
                .map(activation -> {
                    row.activation = ((Number) activation).longValue();
                    row.activatedAt = now;
                    return row;
                });
    }

    /** The built model of a stored version. */
    public WarmthModel model(ModelVersion row) {
        return built.computeIfAbsent(row.version, version -> new WarmthModel(version, definition(row)));
    }

    public ModelDefinition definition(ModelVersion row) {
        return json.read(row.definition, ModelDefinition.class);
    }
}
