package io.warmline.notification.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What a rep's alert carries: everything the call needs, so the rep dials without opening another screen.
 * {@code alertId} is also the server-sent event id; {@code respondBy} is null for leads with no deadline (cold).
 * {@code kind} is {@code alert} for the assignment's alert and {@code reminder} for a later reminder of the same lead,
 * whose {@code message} says why it is sent. {@code callWindow} is when the prospect asked to be called, null when
 * they did not say (and in alerts stored before windows were shown).
 */
public record Alert(long alertId, UUID leadId, String repId, String name, String phone, String telLink, String email,
                    String interest, String notes, Signal signal, String tier, Integer score, Instant respondBy,
                    String openingLine, String kind, String message, CallWindow callWindow) {

    /** The alert as a reminder or callback on the rep's stream: the same call content, a new id and why it is sent. */
    public Alert asNotice(long id, String noticeKind, String noticeMessage) {
        return new Alert(id, leadId, repId, name, phone, telLink, email, interest, notes, signal, tier, score,
                respondBy, openingLine, noticeKind, noticeMessage, callWindow);
    }

    /** The stream's event name: {@code alert} for the alert itself (also for alerts stored before kinds existed). */
    public String eventName() {
        return kind == null ? Notice.ALERT : kind;
    }

    /** The earlier conversation that made the lead warm. */
    public record Signal(String type, Instant occurredAt) {
    }

    /**
     * When the prospect asked to be called, and {@code hours}, the window as the prospect's local times for people to
     * read ("18:00-19:00 Europe/London").
     */
    public record CallWindow(Instant from, Instant to, String timeZone, String hours) {

        /** The window in {@code timeZone} (an IANA name or an offset; UTC when absent or unknown). */
        public static CallWindow of(Instant from, Instant to, String timeZone) {
            ZoneId zone;
            try {
                zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                zone = ZoneOffset.UTC;
            }
            String hours = from.atZone(zone).toLocalTime() + "-" + to.atZone(zone).toLocalTime() + " " + zone.getId();
            return new CallWindow(from, to, zone.getId(), hours);
        }
    }

    /** A {@code tel:} link a phone dials on tap (RFC 3966): the number without spaces or punctuation. */
    public static String telLink(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String dialable = phone.strip().replaceAll("[^0-9+]", "");
        return dialable.isEmpty() ? null : "tel:" + dialable;
    }
}
