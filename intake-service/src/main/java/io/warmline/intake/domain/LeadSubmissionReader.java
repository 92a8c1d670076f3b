package io.warmline.intake.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a vendor's lead payload, naming every field that is missing or invalid rather than stopping at the first.
 * Unknown fields are ignored (documented), so vendors can send what they have without breaking.
 */
public final class LeadSubmissionReader {

    public static final int MAX_NOTES = 4000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    public sealed interface Result permits Accepted, Refused {
    }

    public record Accepted(LeadSubmission lead) implements Result {
    }

    public record Refused(List<FieldProblem> problems) implements Result {
    }

    public Result read(JsonNode body, String defaultRegion, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return new Refused(List.of(new FieldProblem("$", "the body must be a JSON object")));
        }
        String vendorLeadId = text(body, "vendorLeadId", 128, true, problems);
        String name = text(body, "name", 200, true, problems);
        String phone = phone(body, defaultRegion, problems);
        String email = email(body, problems);
        boolean contactRefused = problems.stream()
                .anyMatch(problem -> problem.field().equals("phone") || problem.field().equals("email"));
        if (phone == null && email == null && !contactRefused) {
            problems.add(new FieldProblem("phone", "a phone number or an email is required"));
        }
        String company = text(body, "company", 200, false, problems);
        String region = text(body, "region", 100, false, problems);
        String interest = text(body, "interest", 500, false, problems);
        String notes = text(body, "notes", MAX_NOTES, false, problems);
        SignalType signalType = null;
        Instant signalAt = null;
        JsonNode signal = body.get("signal");
        if (signal == null || signal.isNull()) {
            problems.add(new FieldProblem("signal", "is required: the prior signal with its type and occurredAt"));
        } else if (!signal.isObject()) {
            problems.add(new FieldProblem("signal", "must be an object with type and occurredAt"));
        } else {
            signalType = signalType(signal, problems);
            signalAt = signalAt(signal, now, problems);
        }
        if (!problems.isEmpty()) {
            return new Refused(List.copyOf(problems));
        }
        return new Accepted(new LeadSubmission(vendorLeadId, name, phone, email, company, region, interest, notes,
                signalType, signalAt));
    }

    private static String text(JsonNode body, String field, int max, boolean required, List<FieldProblem> problems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new FieldProblem(field, "must be a string"));
            return null;
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            if (required) {
                problems.add(new FieldProblem(field, "must not be blank"));
            }
            return null;
        }
        if (value.length() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
            return null;
        }
        return value;
    }

    private String phone(JsonNode body, String defaultRegion, List<FieldProblem> problems) {
        String raw = text(body, "phone", 40, false, problems);
        if (raw == null) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = phones.parse(raw, defaultRegion);
            if (!phones.isValidNumber(number)) {
                problems.add(new FieldProblem("phone", "is not a valid phone number (region " + defaultRegion
                        + " assumed without a + prefix)"));
                return null;
            }
            return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            problems.add(new FieldProblem("phone", "cannot be read as a phone number"));
            return null;
        }
    }

    private static String email(JsonNode body, List<FieldProblem> problems) {
        String raw = text(body, "email", 254, false, problems);
        if (raw == null) {
            return null;
        }
        if (!EMAIL.matcher(raw).matches()) {
            problems.add(new FieldProblem("email", "is not a valid email address"));
            return null;
        }
        return raw.toLowerCase(java.util.Locale.ROOT);
    }

    private static SignalType signalType(JsonNode signal, List<FieldProblem> problems) {
        JsonNode type = signal.get("type");
        if (type == null || !type.isTextual()) {
            problems.add(new FieldProblem("signal.type", "is required, one of: " + SignalType.documentedList()));
            return null;
        }
        return SignalType.fromWireName(type.asText()).orElseGet(() -> {
            problems.add(new FieldProblem("signal.type", "unknown signal type '" + type.asText() + "'; one of: "
                    + SignalType.documentedList()));
            return null;
        });
    }

    private static Instant signalAt(JsonNode signal, Instant now, List<FieldProblem> problems) {
        JsonNode at = signal.get("occurredAt");
        if (at == null || !at.isTextual()) {
            problems.add(new FieldProblem("signal.occurredAt", "is required, an ISO-8601 date-time with offset"));
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(at.asText()).toInstant();
            if (instant.isAfter(now.plus(CLOCK_SKEW))) {
                problems.add(new FieldProblem("signal.occurredAt", "is in the future"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem("signal.occurredAt",
                    "must be an ISO-8601 date-time with offset, such as 2026-11-23T14:05:00Z"));
            return null;
        }
    }
}
