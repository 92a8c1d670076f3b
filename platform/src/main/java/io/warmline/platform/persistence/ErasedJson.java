package io.warmline.platform.persistence;

/**
 * SQL for erasing personal data from a copy of a lead's {@code LeadReceived} data kept as JSON text (scoring's lead
 * details, routing's routed lead, in events of either version): the contact's name, phone, email and postcode, the
 * interest, the notes and the sealed {@code personal} block go; what routing, metrics and the vendor's status need
 * (vendor, times, signal, region, company, call window, consent) stays.
 */
public final class ErasedJson {

    private ErasedJson() {
    }

    /** An expression giving {@code column} (JSON text) without the personal data; NULL stays NULL. */
    public static String of(String column) {
        return "(" + column + "::jsonb - 'personal' - 'interest' - 'notes' #- '{contact,name}' #- '{contact,phone}'"
                + " #- '{contact,email}' #- '{contact,postcode}')::text";
    }
}
