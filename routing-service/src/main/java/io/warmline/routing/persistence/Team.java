package io.warmline.routing.persistence;

import io.warmline.routing.domain.Router;
import io.warmline.routing.domain.Strategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A team of reps: its routing strategy, its team lead, and the rep round robin picked last. */
@Entity
@Table(name = "team")
public class Team {

    public static final String DEFAULT = "default";

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String strategy;

    @Column(name = "lead_rep_id")
    public String leadRepId;

    @Column(name = "last_rep_id")
    public String lastRepId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Router.TeamPolicy policy() {
        return new Router.TeamPolicy(Strategy.fromWireName(strategy).orElse(Strategy.LEAST_LOADED), lastRepId);
    }
}
