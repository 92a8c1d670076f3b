package io.warmline.routing.domain;

/**
 * Who is calling, from their bearer token: a rep (their own presence, leads and follow-ups), a team lead (their
 * team's reps and leads) or an operator (everything).
 */
public record Actor(String id, Role role, String team) {

    public enum Role { REP, TEAM_LEAD, OPERATOR }

    public boolean operator() {
        return role == Role.OPERATOR;
    }

    /** May act for this rep (presence, heartbeat, their details). */
    public boolean mayActFor(String repId, String repTeam) {
        return operator() || id.equals(repId) || role == Role.TEAM_LEAD && team != null && team.equals(repTeam);
    }

    /** May read and act on a lead held (or last held) by {@code repId} of {@code teamId}. */
    public boolean mayHandleLead(String repId, String teamId) {
        return mayActFor(repId, teamId);
    }
}
