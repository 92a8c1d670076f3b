package io.warmline.routing.domain;

/** What the speed-to-lead report groups leads by (on the wire: {@link WireName}, e.g. {@code team}). */
public enum ReportGrouping {
    TEAM, REP, VENDOR, TIER
}
