package io.warmline.routing.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lower-case, snake_case spelling of an enum constant on the wire ({@code NO_ANSWER} is {@code no_answer}). */
public final class WireName {

    private WireName() {
    }

    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(value -> of(value).equals(name)).findFirst();
    }

    /** The accepted spellings, for an error message. */
    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireName::of).toList().toString();
    }
}
