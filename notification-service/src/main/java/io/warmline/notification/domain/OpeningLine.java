package io.warmline.notification.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The first words a rep says on the call. It names the earlier conversation (the signal that made the lead warm),
 * because a lead who hears "as promised" recognises the call instead of hanging up on a cold caller. Only the first
 * name is used: reps read it aloud, and a full name sounds like a script.
 */
public final class OpeningLine {

    private OpeningLine() {
    }

    /**
     * @param contactName the contact's name as the vendor sent it (may be null or blank)
     * @param interest    what they spoke about, e.g. "solar panels" (may be null or blank)
     * @param signalType  the signal that made the lead warm, e.g. "callback_agreed" (may be null)
     */
    public static String forCall(String contactName, String interest, String signalType) {
        String hello = firstName(contactName).map(name -> "Hi " + name + ", ").orElse("Hi, ");
        String about = isBlank(interest) ? "" : " about " + interest.trim();
        String type = signalType == null ? "" : signalType.trim().toLowerCase(Locale.ROOT);
        return hello + "thanks for picking up. " + switch (type) {
            case "callback_agreed" -> "You spoke with our team earlier" + about
                    + "; I'm calling as promised. Is now still a good time?";
            case "demo_request" -> "You asked for a demo" + (isBlank(interest) ? "" : " of " + interest.trim())
                    + ", so I'm calling to set it up. When would suit you?";
            case "referral" -> "You were referred to us" + about
                    + ", so I wanted to reach out personally. Do you have a couple of minutes?";
            case "past_customer" -> "It's good to be in touch again. I'm calling to see how we can help"
                    + (isBlank(interest) ? "" : " with " + interest.trim()) + ". Is now a good time?";
            default -> "I saw you were looking into " + (isBlank(interest) ? "what we offer" : interest.trim())
                    + " and wondered whether I could help. Is now a good time for a quick chat?";
        };
    }

    /** The first word of the name, e.g. "Sam" of "Sam Taylor"; empty when there is no usable name. */
    static Optional<String> firstName(String contactName) {
        if (isBlank(contactName)) {
            return Optional.empty();
        }
        return Optional.of(contactName.trim().split("\\s+")[0]);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
