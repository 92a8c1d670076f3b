package io.warmline.platform.messaging;

import io.smallrye.mutiny.Uni;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What one incoming channel does with each event type it reads: the type's data class and its handler. A channel
 * reading several types (one per topic) parses each record once and hands it to its type's handler; a record of
 * any other type is poison. A handler sees each event once ({@link EventReader} consults the {@link Inbox} first)
 * and runs inside the reader's transaction: its {@code sessions.withTransaction(...)} joins it.
 */
public final class EventHandlers {

    /** One event type's handling. */
    record Handling<T>(Class<T> dataType, BiFunction<EventEnvelope, T, Uni<?>> handler) {
    }

    private final boolean aboutLeads;
    private boolean inbox = true;
    private final Map<String, Handling<?>> byType = new LinkedHashMap<>();

    private EventHandlers(boolean aboutLeads) {
        this.aboutLeads = aboutLeads;
    }

    /** Events about a lead: each must carry its lead id. */
    public static EventHandlers aboutLeads() {
        return new EventHandlers(true);
    }

    /** Events about something other than a lead (a rep): no lead id is required. */
    public static EventHandlers aboutOthers() {
        return new EventHandlers(false);
    }

    public <T> EventHandlers on(String eventType, Class<T> dataType, BiFunction<EventEnvelope, T, Uni<?>> handler) {
        if (byType.putIfAbsent(eventType, new Handling<>(dataType, handler)) != null) {
            throw new IllegalArgumentException(eventType + " has a handler already");
        }
        return this;
    }

    /**
     * For handlers whose writes are idempotent on their own (upserts that keep the highest, the earliest...): the
     * inbox is not consulted, and they run outside a transaction. Needed where this service reads the same events on
     * another channel too (the inbox is one per service: the first channel to record an event would hide it from
     * the other).
     */
    public EventHandlers withoutInbox() {
        inbox = false;
        return this;
    }

    boolean inbox() {
        return inbox;
    }

    boolean requireLeadId() {
        return aboutLeads;
    }

    Handling<?> handling(String eventType) {
        return byType.get(eventType);
    }

    /** The types read, for messages: "LeadAssigned or LeadClosed". */
    String names() {
        return String.join(" or ", byType.keySet());
    }
}
