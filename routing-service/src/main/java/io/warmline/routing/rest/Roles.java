package io.warmline.routing.rest;

/** The roles a bearer token's {@code groups} claim may carry. */
public final class Roles {

    public static final String REP = "rep";
    public static final String TEAM_LEAD = "team-lead";
    public static final String OPERATOR = "operator";

    private Roles() {
    }
}
