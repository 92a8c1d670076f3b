package io.warmline.routing.messaging;

/**
 * Data of {@code RepChanged} v1 (schema {@code rep-changed.v1.json}), keyed by rep id with no lead: the rep or
 * their team changed. Other services keep their own copy of whom to reach and how from it.
 */
public record RepChanged(String repId, String name, String email, String teamId, String teamLeadRepId,
                         String teamLeadEmail, String timeZone, boolean active) {

    public static final String TYPE = "RepChanged";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.rep-changed";
}
