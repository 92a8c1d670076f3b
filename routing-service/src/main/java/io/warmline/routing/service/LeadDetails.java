package io.warmline.routing.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.warmline.routing.domain.CallWindow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What routing reads of the lead's details as intake received them (carried unchanged in {@code LeadScored.lead}):
 * fields added later are optional, so an event from before them reads as "not given".
 */
final class LeadDetails {

    private LeadDetails() {
    }

    /**
     * The lead's call window, if the vendor gave one, in the lead's time zone ({@code preferredCallWindow.timeZone},
     * set by intake; UTC when absent or unknown, as in events from before intake set it).
     */
    static Optional<CallWindow> callWindow(JsonNode lead) {
        JsonNode window = lead == null ? null : lead.path("preferredCallWindow");
        if (window == null || !window.isObject()) {
            return Optional.empty();
        }
        Instant from = instant(window.path("from"));
        Instant to = instant(window.path("to"));
        if (from == null || to == null || !to.isAfter(from)) {
            return Optional.empty();
        }
        return Optional.of(new CallWindow(from, to, zone(window.path("timeZone"))));
    }

    /** The vendor's {@code consent.granted}; null when the lead carries no consent (events from before it). */
    static Boolean consent(JsonNode lead) {
        JsonNode granted = lead == null ? null : lead.path("consent").path("granted");
        return granted != null && granted.isBoolean() ? granted.asBoolean() : null;
    }

    static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneId zone(JsonNode node) {
        try {
            return node.isTextual() ? ZoneId.of(node.asText()) : ZoneOffset.UTC;
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
