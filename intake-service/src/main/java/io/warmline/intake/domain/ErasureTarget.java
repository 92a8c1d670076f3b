package io.warmline.intake.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.warmline.platform.domain.FieldProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Whose personal data an operator asks to erase: one lead (by id), or every lead of one person (by email or by
 * phone, normalised as intake normalised them when the leads arrived: email in lower case, phone to E.164, a number
 * without a {@code +} read in {@code region}).
 */
public record ErasureTarget(Kind kind, UUID leadId, String contact) {

    public enum Kind {
        LEAD, EMAIL, PHONE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The target, or what is wrong with the request (then {@code target} is null). */
    public record Read(ErasureTarget target, List<FieldProblem> problems) {
    }

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern REGION = Pattern.compile("^[A-Z]{2}$");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public static Read read(String leadId, String email, String phone, String region) {
        List<FieldProblem> problems = new ArrayList<>();
        int given = (present(leadId) ? 1 : 0) + (present(email) ? 1 : 0) + (present(phone) ? 1 : 0);
        if (given != 1) {
            String why = given == 0 ? "one of leadId, email or phone is required" : "give only one of leadId, email or phone";
            problems.add(new FieldProblem("leadId", why));
            return new Read(null, problems);
        }
        String upperRegion = region == null ? null : region.strip().toUpperCase(Locale.ROOT);
        if (upperRegion != null && !REGION.matcher(upperRegion).matches()) {
            problems.add(new FieldProblem("region", "an ISO 3166 two-letter country code, such as GB"));
            return new Read(null, problems);
        }
        if (present(leadId)) {
            try {
                return new Read(new ErasureTarget(Kind.LEAD, UUID.fromString(leadId.strip()), null), problems);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("leadId", "a lead id (UUID) as intake answered it"));
                return new Read(null, problems);
            }
        }
        if (present(email)) {
            String normalised = email.strip().toLowerCase(Locale.ROOT);
            if (normalised.length() > 254 || !EMAIL.matcher(normalised).matches()) {
                problems.add(new FieldProblem("email", "an email address such as sam@example.com"));
                return new Read(null, problems);
            }
            return new Read(new ErasureTarget(Kind.EMAIL, null, normalised), problems);
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(phone.strip(), upperRegion == null ? "ZZ" : upperRegion);
            if (PHONES.isValidNumber(number)) {
                return new Read(new ErasureTarget(Kind.PHONE, null,
                        PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)), problems);
            }
        } catch (NumberParseException e) {
            // refused below
        }
        problems.add(new FieldProblem("phone", "a valid phone number: international (+44 7911 123456), or national "
                + "with its region (\"region\": \"GB\")"));
        return new Read(null, problems);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
