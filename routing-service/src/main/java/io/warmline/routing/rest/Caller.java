package io.warmline.routing.rest;

import io.warmline.routing.domain.Actor;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * The verified bearer token of this request as an {@link Actor}. The token's {@code groups} carry the role
 * ({@code operator} wins over {@code team-lead} over {@code rep}), {@code sub} the rep or operator id, and
 * {@code team} the team of a rep or team lead.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    public Actor actor() {
        Set<String> groups = token.getGroups();
        Actor.Role role = groups.contains("operator") ? Actor.Role.OPERATOR
                : groups.contains("team-lead") ? Actor.Role.TEAM_LEAD : Actor.Role.REP;
        Object team = token.getClaim("team");
        return new Actor(token.getSubject(), role, team == null ? null : team.toString().replace("\"", ""));
    }
}
