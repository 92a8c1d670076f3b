package io.warmline.routing.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warmline.platform.messaging.EventEnvelope;
import io.warmline.routing.domain.Outcome;
import io.warmline.routing.domain.WireName;
import io.warmline.routing.messaging.DeadlineLapsed;
import io.warmline.routing.messaging.FollowUpLogged;
import io.warmline.routing.messaging.LeadAssigned;
import io.warmline.routing.messaging.LeadClosed;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps the speed-to-lead report's read model ({@code lead_report}) current from the lead's events. Each event is
 * one upsert whose effect is idempotent and commutes with the others' (first assignment by the lowest number, latest
 * by the highest, first call by the earliest time, flags or-ed, lapses a set), so no inbox is needed: redelivered,
 * reordered across topics or applied by two replicas at once, the row ends the same.
 */
@ApplicationScoped
public class ReportProjection {

    private static final String ASSIGNED = """
            INSERT INTO lead_report (lead_id, vendor_id, received_at, first_assignment, tier, respond_by,
                                     latest_assignment, team_id, rep_id)
            VALUES ($1, $2, $3, $4, $5, $6, $4, $7, $8)
            ON CONFLICT (lead_id) DO UPDATE SET
                vendor_id = coalesce(lead_report.vendor_id, excluded.vendor_id),
                received_at = coalesce(lead_report.received_at, excluded.received_at),
                tier = CASE WHEN lead_report.first_assignment IS NULL
                              OR excluded.first_assignment < lead_report.first_assignment
                            THEN excluded.tier ELSE lead_report.tier END,
                respond_by = CASE WHEN lead_report.first_assignment IS NULL
                                    OR excluded.first_assignment < lead_report.first_assignment
                                  THEN excluded.respond_by ELSE lead_report.respond_by END,
                first_assignment = least(lead_report.first_assignment, excluded.first_assignment),
                team_id = CASE WHEN lead_report.latest_assignment IS NULL
                                 OR excluded.latest_assignment >= lead_report.latest_assignment
                               THEN excluded.team_id ELSE lead_report.team_id END,
                rep_id = CASE WHEN lead_report.latest_assignment IS NULL
                                OR excluded.latest_assignment >= lead_report.latest_assignment
                              THEN excluded.rep_id ELSE lead_report.rep_id END,
                latest_assignment = greatest(lead_report.latest_assignment, excluded.latest_assignment)""";

    private static final String CALLED = """
            INSERT INTO lead_report (lead_id, received_at, first_call_at, connected, next_step)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (lead_id) DO UPDATE SET
                received_at = coalesce(lead_report.received_at, excluded.received_at),
                first_call_at = least(lead_report.first_call_at, excluded.first_call_at),
                connected = lead_report.connected OR excluded.connected,
                next_step = lead_report.next_step OR excluded.next_step""";

    private static final String CLOSED = """
            INSERT INTO lead_report (lead_id, closed_at, closure_reason) VALUES ($1, $2, $3)
            ON CONFLICT (lead_id) DO UPDATE SET
                closure_reason = CASE WHEN lead_report.closed_at IS NULL OR excluded.closed_at > lead_report.closed_at
                                      THEN excluded.closure_reason ELSE lead_report.closure_reason END,
                closed_at = greatest(lead_report.closed_at, excluded.closed_at)""";

    private static final String LAPSED = """
            INSERT INTO lead_report (lead_id, lapsed_assignments) VALUES ($1, ARRAY[$2::int])
            ON CONFLICT (lead_id) DO UPDATE SET lapsed_assignments = ARRAY(
                SELECT DISTINCT n FROM unnest(lead_report.lapsed_assignments || excluded.lapsed_assignments) AS n
                ORDER BY n)""";

    private final Pool database;

    ReportProjection(Pool database) {
        this.database = database;
    }

    public Uni<Void> assigned(EventEnvelope envelope, LeadAssigned assigned) {
        String vendor = assigned.lead() == null ? null : text(assigned.lead().path("vendorId").asText(null));
        Instant received = assigned.lead() == null ? null : instant(assigned.lead().path("receivedAt").asText(null));
        return run(ASSIGNED, Tuple.tuple().addUUID(envelope.leadId()).addString(vendor).addValue(at(received))
                .addInteger(assigned.assignmentNumber()).addString(assigned.tier()).addValue(at(assigned.respondBy()))
                .addString(assigned.teamId()).addString(assigned.repId()));
    }

    public Uni<Void> called(EventEnvelope envelope, FollowUpLogged call) {
        return run(CALLED, Tuple.tuple().addUUID(envelope.leadId()).addValue(at(call.receivedAt()))
                .addValue(at(call.loggedAt())).addBoolean(WireName.of(Outcome.CONNECTED).equals(call.outcome()))
                .addBoolean(call.nextStep() != null));
    }

    public Uni<Void> closed(EventEnvelope envelope, LeadClosed closed) {
        return run(CLOSED, Tuple.of(envelope.leadId(), at(closed.closedAt()), closed.reason()));
    }

    public Uni<Void> lapsed(EventEnvelope envelope, DeadlineLapsed lapsed) {
        return run(LAPSED, Tuple.of(envelope.leadId(), lapsed.assignmentNumber()));
    }

    private Uni<Void> run(String sql, Tuple values) {
        return database.preparedQuery(sql).execute(values).replaceWithVoid();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
