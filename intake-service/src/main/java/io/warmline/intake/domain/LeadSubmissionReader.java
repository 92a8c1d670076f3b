package io.warmline.intake.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.warmline.platform.domain.FieldProblem;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a vendor's lead payload, naming every field that is missing or invalid rather than stopping at the first.
 * Unknown fields are ignored (documented), so a vendor can send what it has and add fields without breaking.
 * The limits are public because the OpenAPI contract quotes them.
 */
public final class LeadSubmissionReader {

    public static final int MAX_VENDOR_LEAD_ID = 128;
    public static final int MAX_NAME = 200;
    public static final int MAX_PHONE = 40;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_COMPANY = 200;
    public static final int MAX_REGION = 100;
    public static final int MAX_POSTCODE = 16;
    public static final int MAX_INTEREST = 500;
    public static final int MAX_NOTES = 4000;
    public static final int MAX_CONSENT_METHOD = 200;
    public static final int MAX_TIME_ZONE = 64;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    // A vendor's clock may run a little ahead of ours; a signal further ahead than this is a bug, not skew.
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String DATE_TIME = "an ISO-8601 date-time with offset, such as 2026-11-23T14:05:00Z";
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final PhoneNumberToTimeZonesMapper timeZones = PhoneNumberToTimeZonesMapper.getInstance();

    public sealed interface Result permits Accepted, Refused {
    }

    public record Accepted(LeadSubmission lead) implements Result {
    }

    public record Refused(List<FieldProblem> problems) implements Result {
    }

    public Result read(JsonNode body, String defaultRegion, Instant now) {
        if (body == null || !body.isObject()) {
            return new Refused(List.of(new FieldProblem("$", "the body must be a JSON object")));
        }
        Fields fields = new Fields(now);
        String vendorLeadId = fields.text(body, "vendorLeadId", MAX_VENDOR_LEAD_ID, true);
        String name = fields.text(body, "name", MAX_NAME, true);
        String phone = phone(fields, body, defaultRegion);
        String email = email(fields, body);
        if (phone == null && email == null && !fields.refused("phone") && !fields.refused("email")) {
            fields.refuse("phone", "a phone number or an email is required");
        }
        String company = fields.text(body, "company", MAX_COMPANY, false);
        String region = fields.text(body, "region", MAX_REGION, false);
        String postcode = upperCase(fields.text(body, "postcode", MAX_POSTCODE, false));
        String interest = fields.text(body, "interest", MAX_INTEREST, false);
        String notes = fields.text(body, "notes", MAX_NOTES, false);
        SignalType signalType = null;
        Instant signalAt = null;
        JsonNode signal = fields.object(body, "signal", true, "the prior signal with its type and occurredAt");
        if (signal != null) {
            signalType = signalType(fields, signal);
            signalAt = fields.pastInstant(signal, "signal.occurredAt", true);
        }
        CallWindow window = callWindow(fields, body, phone);
        Consent consent = consent(fields, body);
        if (fields.any()) {
            return new Refused(fields.problems());
        }
        return new Accepted(new LeadSubmission(vendorLeadId, name, phone, email, company, region, postcode,
                interest, notes, signalType, signalAt, window, consent));
    }

    private String phone(Fields fields, JsonNode body, String defaultRegion) {
        String raw = fields.text(body, "phone", MAX_PHONE, false);
        if (raw == null) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = phones.parse(raw, defaultRegion);
            if (!phones.isValidNumber(number)) {
                fields.refuse("phone", "is not a valid phone number (region " + defaultRegion
                        + " assumed without a + prefix)");
                return null;
            }
            return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            fields.refuse("phone", "cannot be read as a phone number");
            return null;
        }
    }

    private static String email(Fields fields, JsonNode body) {
        String raw = fields.text(body, "email", MAX_EMAIL, false);
        if (raw == null) {
            return null;
        }
        if (!EMAIL.matcher(raw).matches()) {
            fields.refuse("email", "is not a valid email address");
            return null;
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    private static SignalType signalType(Fields fields, JsonNode signal) {
        if (!signal.hasNonNull("type")) {
            fields.refuse("signal.type", "is required, one of: " + SignalType.documentedList());
            return null;
        }
        String type = fields.text(signal, "signal.type", 40, true);
        if (type == null) {
            return null;
        }
        return SignalType.fromWireName(type).orElseGet(() -> {
            fields.refuse("signal.type", "unknown signal type '" + type + "'; one of: " + SignalType.documentedList());
            return null;
        });
    }

    private CallWindow callWindow(Fields fields, JsonNode body, String phone) {
        JsonNode window = fields.object(body, "preferredCallWindow", false, "from and to, and optionally timeZone");
        if (window == null) {
            return null;
        }
        Instant from = fields.instant(window, "preferredCallWindow.from", true);
        Instant to = fields.instant(window, "preferredCallWindow.to", true);
        ZoneId given = timeZone(fields, window);
        if (from == null || to == null || fields.refused("preferredCallWindow.timeZone")) {
            return null;
        }
        if (!to.isAfter(from)) {
            fields.refuse("preferredCallWindow.to", "must be after preferredCallWindow.from");
            return null;
        }
        ZoneId zone = given != null ? given : phoneTimeZone(phone)
                .orElseGet(() -> OffsetDateTime.parse(window.get("from").asText().strip()).getOffset());
        return new CallWindow(from, to, zone);
    }

    private static ZoneId timeZone(Fields fields, JsonNode window) {
        String name = fields.text(window, "preferredCallWindow.timeZone", MAX_TIME_ZONE, false);
        if (name == null) {
            return null;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            fields.refuse("preferredCallWindow.timeZone", "is not a known time zone: use an IANA name such as "
                    + "Europe/London or America/New_York");
            return null;
        }
    }

    /**
     * The prospect's time zone when their number tells it: a number whose zones all keep the same clock (a US area
     * code; a UK mobile, whose +44 also covers Guernsey, Jersey and the Isle of Man, on London's time) gets the first
     * of them; a number spanning clocks (a mobile in a country of several zones) tells nothing.
     */
    private Optional<ZoneId> phoneTimeZone(String e164) {
        if (e164 == null) {
            return Optional.empty();
        }
        try {
            List<ZoneId> zones = timeZones.getTimeZonesForNumber(phones.parse(e164, null)).stream()
                    .filter(zone -> !zone.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone()))
                    .map(ZoneId::of).toList();
            if (zones.isEmpty() || zones.stream().anyMatch(zone -> !zone.getRules().equals(zones.get(0).getRules()))) {
                return Optional.empty();
            }
            return Optional.of(zones.get(0));
        } catch (NumberParseException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Consent consent(Fields fields, JsonNode body) {
        JsonNode consent = fields.object(body, "consent", false, "granted, and optionally recordedAt and method");
        if (consent == null) {
            return null;
        }
        Boolean granted = fields.bool(consent, "consent.granted");
        Instant recordedAt = fields.pastInstant(consent, "consent.recordedAt", false);
        String method = fields.text(consent, "consent.method", MAX_CONSENT_METHOD, false);
        return granted == null ? null : new Consent(granted, recordedAt, method);
    }

    private static String upperCase(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    /** Reads fields of one payload, collecting a problem for each one that is missing or invalid. */
    private static final class Fields {

        private final Instant now;
        private final List<FieldProblem> problems = new ArrayList<>();

        Fields(Instant now) {
            this.now = now;
        }

        boolean any() {
            return !problems.isEmpty();
        }

        List<FieldProblem> problems() {
            return List.copyOf(problems);
        }

        boolean refused(String path) {
            return problems.stream().anyMatch(problem -> problem.field().equals(path));
        }

        void refuse(String path, String reason) {
            problems.add(new FieldProblem(path, reason));
        }

        /** The node at the path's last segment inside {@code parent}, or null when absent or JSON null. */
        private static JsonNode at(JsonNode parent, String path) {
            JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
            return node == null || node.isNull() ? null : node;
        }

        String text(JsonNode parent, String path, int max, boolean required) {
            JsonNode node = at(parent, path);
            if (node == null) {
                if (required) {
                    refuse(path, "is required");
                }
                return null;
            }
            if (!node.isTextual()) {
                refuse(path, "must be a string");
                return null;
            }
            String value = node.asText().strip();
            if (value.isEmpty()) {
                if (required) {
                    refuse(path, "must not be blank");
                }
                return null;
            }
            if (value.length() > max) {
                refuse(path, "must be at most " + max + " characters");
                return null;
            }
            return value;
        }

        JsonNode object(JsonNode parent, String path, boolean required, String content) {
            JsonNode node = at(parent, path);
            if (node == null) {
                if (required) {
                    refuse(path, "is required: " + content);
                }
                return null;
            }
            if (!node.isObject()) {
                refuse(path, "must be an object with " + content);
                return null;
            }
            return node;
        }

        Boolean bool(JsonNode parent, String path) {
            JsonNode node = at(parent, path);
            if (node == null || !node.isBoolean()) {
                refuse(path, "is required, true or false");
                return null;
            }
            return node.booleanValue();
        }

        Instant instant(JsonNode parent, String path, boolean required) {
            JsonNode node = at(parent, path);
            if (node == null) {
                if (required) {
                    refuse(path, "is required, " + DATE_TIME);
                }
                return null;
            }
            try {
                if (node.isTextual()) {
                    return OffsetDateTime.parse(node.asText().strip()).toInstant();
                }
            } catch (DateTimeParseException e) {
                // refused below, with the expected form
            }
            refuse(path, "must be " + DATE_TIME);
            return null;
        }

        /** A moment that has already happened (allowing for a vendor clock slightly ahead of ours). */
        Instant pastInstant(JsonNode parent, String path, boolean required) {
            Instant instant = instant(parent, path, required);
            if (instant != null && instant.isAfter(now.plus(CLOCK_SKEW))) {
                refuse(path, "is in the future");
                return null;
            }
            return instant;
        }
    }
}
