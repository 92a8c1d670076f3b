package io.warmline.intake.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of a lead's life a vendor may see, in the order a lead passes them. Intake records
 * {@link #RECEIVED} itself; the later ones are reported by the services that reach them.
 *
 * <p>Each step names the outcomes a vendor may be shown with it: fixed words (routing's wire names for a call's
 * outcome and a closure's reason), never free text, so nothing personal can reach a vendor through them.
 */
public enum Milestone {
    RECEIVED("received", Set.of()),
    ASSIGNED("assigned", Set.of()),
    FOLLOWED_UP("followed_up", Set.of("connected", "voicemail", "no_answer", "wrong_number")),
    CLOSED("closed", Set.of("signed", "not_interested", "unreachable", "breached", "wrong_number", "no_consent",
            "email_only"));

    private final String wireName;
    private final Set<String> outcomes;

    Milestone(String wireName, Set<String> outcomes) {
        this.wireName = wireName;
        this.outcomes = outcomes;
    }

    public String wireName() {
        return wireName;
    }

    /** The reported outcome when a vendor may see it with this step; none for a word this step does not know. */
    public Optional<String> vendorOutcome(String reported) {
        return Optional.ofNullable(reported).filter(outcomes::contains);
    }

    public static Optional<Milestone> fromWireName(String name) {
        return Arrays.stream(values()).filter(milestone -> milestone.wireName.equals(name)).findFirst();
    }
}
