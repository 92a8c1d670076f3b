package io.warmline.routing.domain;

/**
 * Who is calling, from their bearer token: a rep (their own presence, leads and follow-ups), a team lead (their
 * team's reps and leads) or an operator (everything).
 * <p>
 * What an actor may not reach is answered as if it did not exist (404, the same answer as an unknown id), so a
 * refusal never tells a rep or a team lead that another team's rep or lead is there. A role that may not use an
 * operation at all is refused with 403 before anything is looked up.
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

    /** May see this team (and its settings): operators every team, a team lead their own. */
    public boolean seesTeam(String teamId) {
        return operator() || role == Role.TEAM_LEAD && team != null && team.equals(teamId);
    }
}
