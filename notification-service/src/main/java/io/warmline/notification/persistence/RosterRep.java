package io.warmline.notification.persistence;

import io.warmline.platform.domain.WorkingHours;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Routing's rep, as far as reaching them goes (from RepChanged). */
@Entity
@Table(name = "rep")
public class RosterRep {

    @Id
    @Column(name = "rep_id")
    public String repId;

    public String name;

    public String email;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "team_lead_rep_id")
    public String teamLeadRepId;

    @Column(name = "team_lead_email")
    public String teamLeadEmail;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(nullable = false)
    public boolean active;

    /** The shift, HH:mm in {@link #timeZone}; null (round the clock) until routing describes it. */
    @Column(name = "shift_start")
    public String shiftStart;

    @Column(name = "shift_end")
    public String shiftEnd;

    /** Days off, comma-separated (saturday,sunday). */
    @Column(name = "days_off")
    public String daysOff;

    /** The rep's hours; round the clock in UTC when routing has not described them or they are unreadable. */
    public WorkingHours hours() {
        try {
            return new WorkingHours(timeZone == null ? ZoneId.of("UTC") : ZoneId.of(timeZone),
                    shiftStart == null ? LocalTime.MIDNIGHT : LocalTime.parse(shiftStart),
                    shiftEnd == null ? LocalTime.MIDNIGHT : LocalTime.parse(shiftEnd),
                    daysOff == null ? Set.of() : Arrays.stream(daysOff.split(",")).map(String::strip)
                            .filter(day -> !day.isEmpty()).map(day -> DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)))
                            .collect(Collectors.toSet()));
        } catch (DateTimeException | IllegalArgumentException unreadable) {
            return WorkingHours.ALWAYS;
        }
    }
}
