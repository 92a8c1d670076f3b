package io.warmline.intake.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The lead as received from a vendor, normalised. */
@Entity
@Table(name = "lead")
public class Lead {

    @Id
    public UUID id;

    @Column(name = "vendor_id", nullable = false)
    public String vendorId;

    @Column(name = "vendor_lead_id", nullable = false)
    public String vendorLeadId;

    /** Null once erased, as the phone, email, postcode, interest and notes. */
    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "phone_e164")
    public String phone;

    public String email;
    public String company;
    public String region;
    public String postcode;
    public String interest;
    public String notes;

    @Column(name = "preferred_call_from")
    public Instant preferredCallFrom;

    @Column(name = "preferred_call_to")
    public Instant preferredCallTo;

    /** The prospect's time zone for the window (an IANA name or an offset such as +01:00). */
    @Column(name = "preferred_call_time_zone")
    public String preferredCallTimeZone;

    @Column(name = "consent_granted")
    public Boolean consentGranted;

    @Column(name = "consent_recorded_at")
    public Instant consentRecordedAt;

    @Column(name = "consent_method")
    public String consentMethod;

    /** The earlier lead of another vendor for the same person; this one is recorded but not routed again. */
    @Column(name = "linked_lead_id")
    public UUID linkedLeadId;

    @Column(name = "signal_type", nullable = false)
    public String signalType;

    @Column(name = "signal_at", nullable = false)
    public Instant signalAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** When its personal data was erased (an operator's request or the retention period); null before. */
    @Column(name = "erased_at")
    public Instant erasedAt;
}
