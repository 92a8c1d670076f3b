package io.warmline.intake.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The steps of a lead's life a vendor may see, in the order a lead passes them. Intake records
 * {@link #RECEIVED} itself; the later ones are reported by the services that reach them.
 */
public enum Milestone {
    RECEIVED("received"),
    ASSIGNED("assigned"),
    FOLLOWED_UP("followed_up"),
    CLOSED("closed");

    private final String wireName;

    Milestone(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Milestone> fromWireName(String name) {
        return Arrays.stream(values()).filter(milestone -> milestone.wireName.equals(name)).findFirst();
    }
}
