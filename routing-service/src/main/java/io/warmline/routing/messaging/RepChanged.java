package io.warmline.routing.messaging;

/**
 * Data of {@code RepChanged} v1 (schema {@code rep-changed.v1.json}), keyed by rep id with no lead: the rep or
 * their team changed. Other services keep their own copy of whom to reach and how from it, and when: the rep's
 * working hours in their time zone (notification keeps callback reminders within them).
 */
public record RepChanged(String repId, String name, String email, String teamId, String teamLeadRepId,
                         String teamLeadEmail, String timeZone, boolean active, Hours workingHours) {

    /** The shift, local to {@code timeZone}: HH:mm start and end ({@code start == end}: round the clock), days off. */
    public record Hours(String start, String end, java.util.List<String> daysOff) {
    }

    public static final String TYPE = "RepChanged";
    public static final int VERSION = 1;
    public static final String TOPIC = "warmline.rep-changed";
}
