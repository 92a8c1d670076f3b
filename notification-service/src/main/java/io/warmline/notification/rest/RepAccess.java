package io.warmline.notification.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.warmline.notification.domain.EscalationPolicy;
import io.warmline.notification.messaging.LeadAssigned;
import io.warmline.platform.rest.Problem;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who may act for a rep: the rep themselves (the token's {@code sub}) or an operator. Team leads and reps reach
 * only their own alerts and devices (an alert carries the prospect's phone: nobody else's is theirs to read), and
 * the escalation policies of their own team and the defaults. Another rep's or team's answers 404, as an unknown one
 * would, so a refusal never says who exists; a role that may not use an operation at all gets 403. The caller is the
 * token's {@code sub} claim, as in every service: never the principal name, which an identity provider may take
 * from {@code upn} or {@code preferred_username} (an e-mail address, or a name another rep's id could equal).
 */
@RequestScoped
public class RepAccess {

    public static final String REP = "rep";
    public static final String TEAM_LEAD = "team-lead";
    public static final String OPERATOR = "operator";
    /** How the contract describes the refusal of a rep id too long to be one. */
    static final String INVALID_REP_ID = "`invalid-rep-id`: a rep id longer than any rep's.";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    RepAccess(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The rep id, once the caller is known to be allowed to act for it. */
    public String actFor(String repId) {
        if (repId.length() > LeadAssigned.MAX_REP_ID_LENGTH) {
            throw new Problem(400, "invalid-rep-id", "Bad Request",
                    "a rep id has at most " + LeadAssigned.MAX_REP_ID_LENGTH + " characters");
        }
        if (identity.hasRole(OPERATOR) || repId.equals(caller())) {
            return repId;
        }
        throw new Problem(404, "unknown-rep", "Not Found", "no rep '" + repId + "' among those this token may "
                + "reach: a rep reaches only their own alerts and devices (operators any rep's)");
    }

    /** May read the settings of this team ({@code *}: the defaults every team falls back on). */
    public boolean seesTeam(String teamId) {
        if (identity.hasRole(OPERATOR) || EscalationPolicy.ANY_TEAM.equals(teamId)) {
            return true;
        }
        Object team = token.getClaim("team");
        return team != null && team.toString().replace("\"", "").equals(teamId);
    }

    public String caller() {
        return token.getSubject();
    }
}
