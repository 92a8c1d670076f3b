package io.warmline.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}
