package io.warmline.intake.domain;

import java.util.Arrays;
import java.util.Optional;

/** The prior signal a vendor saw before sending the lead; the wire name is what vendors post. */
public enum SignalType {
    CALLBACK_AGREED("callback_agreed"),
    DEMO_REQUEST("demo_request"),
    REFERRAL("referral"),
    PAST_CUSTOMER("past_customer"),
    PRICING_PAGE_VISIT("pricing_page_visit"),
    WEBINAR_ATTENDED("webinar_attended"),
    CONTENT_DOWNLOAD("content_download"),
    EMAIL_OPEN("email_open");

    private final String wireName;

    SignalType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SignalType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    public static String documentedList() {
        return String.join(", ", Arrays.stream(values()).map(SignalType::wireName).toList());
    }
}
