package io.warmline.scoring.domain;

import java.util.List;

/**
 * The signal types intake accepts (its LeadReceived schema's {@code signal.type}); every model must weigh each of
 * them, so no lead intake sends can be unscoreable.
 */
public final class SignalTypes {

    public static final List<String> KNOWN = List.of("callback_agreed", "demo_request", "referral", "past_customer",
            "pricing_page_visit", "webinar_attended", "content_download", "email_open");

    private SignalTypes() {
    }

    public static boolean isKnown(String type) {
        // List.of's contains throws on null: a signal without a type is simply not a known one.
        return type != null && KNOWN.contains(type);
    }
}
