package io.warmline.platform.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list, asked for with {@code ?limit=} and {@code ?cursor=}: keyset paging, never OFFSET. The cursor
 * carries the sort key of the previous page's last row, so the next page starts right after it whatever was inserted
 * meanwhile. It is opaque to clients (they follow the {@code Link: rel="next"} header, {@link Page}) and checked: a
 * cursor that was edited, truncated or made by another list is refused with 400. The check is not a secret: a list's
 * query always applies the caller's own visibility, so a forged cursor could only skip rows the caller may see.
 */
public final class PageRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int CHECK_BYTES = 8;

    private final String list;
    private final int limit;
    private final List<String> after;

    private PageRequest(String list, int limit, List<String> after) {
        this.list = list;
        this.limit = limit;
        this.after = after;
    }

    /**
     * The page asked for on {@code list} (a name of the list, e.g. "queue", so that one list's cursor is refused by
     * another) whose rows are sorted by a key of {@code keyParts} values.
     */
    public static PageRequest of(String list, int keyParts, String limit, String cursor) {
        return new PageRequest(list, parseLimit(limit), parseCursor(list, keyParts, cursor));
    }

    public int limit() {
        return limit;
    }

    /** How many rows the query fetches: one more than the page, to know whether a next page exists. */
    public int rowsToFetch() {
        return limit + 1;
    }

    /** True for the first page (no cursor): the query starts at the head of the list. */
    public boolean first() {
        return after == null;
    }

    public String afterText(int part) {
        return after.get(part);
    }

    public long afterLong(int part) {
        try {
            return Long.parseLong(after.get(part));
        } catch (NumberFormatException | NullPointerException e) {
            throw invalidCursor();
        }
    }

    public int afterInt(int part) {
        long value = afterLong(part);
        if (value != (int) value) {
            throw invalidCursor();
        }
        return (int) value;
    }

    /** Null when the previous page's last row had no value there (a sort key with nulls last). */
    public Instant afterInstant(int part) {
        String value = after.get(part);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeException e) {
            throw invalidCursor();
        }
    }

    public UUID afterUuid(int part) {
        try {
            return UUID.fromString(after.get(part));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalidCursor();
        }
    }

    /**
     * The page out of the rows fetched ({@link #rowsToFetch()} at most, in the list's order); {@code sortKey} gives a
     * row's key values in the list's sort order (their {@code toString()} is what the cursor keeps; null allowed).
     */
    public <T> Page<T> page(List<T> rows, Function<T, List<?>> sortKey) {
        if (rows.size() <= limit) {
            return new Page<>(rows, limit, null);
        }
        List<T> shown = rows.subList(0, limit);
        List<String> key = new ArrayList<>();
        sortKey.apply(shown.get(limit - 1)).forEach(value -> key.add(value == null ? null : value.toString()));
        return new Page<>(List.copyOf(shown), limit, cursor(list, key));
    }

    static String cursor(String list, List<String> key) {
        ArrayNode payload = JSON.createArrayNode().add(list);
        key.forEach(payload::add);
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(check(body));
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same words
        }
        throw new Problem(400, "invalid-limit", "Bad Request", "limit must be a whole number from 1 to "
                + MAX_LIMIT + " (got '" + limit + "'); omit it for pages of " + DEFAULT_LIMIT);
    }

    private static List<String> parseCursor(String list, int keyParts, String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = cursor.strip().split("\\.", -1);
            if (parts.length != 2) {
                throw invalidCursor();
            }
            byte[] body = DECODER.decode(parts[0]);
            if (!MessageDigest.isEqual(check(body), DECODER.decode(parts[1]))) {
                throw invalidCursor();
            }
            var payload = JSON.readTree(body);
            if (!payload.isArray() || payload.size() != keyParts + 1 || !list.equals(payload.get(0).asText())) {
                throw invalidCursor();
            }
            List<String> key = new ArrayList<>();
            for (int i = 1; i < payload.size(); i++) {
                key.add(payload.get(i).isNull() ? null : payload.get(i).asText());
            }
            return key;
        } catch (IllegalArgumentException | IOException e) {
            throw invalidCursor();
        }
    }

    private static byte[] check(byte[] body) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Problem invalidCursor() {
        return new Problem(400, "invalid-cursor", "Bad Request", "cursor is not one this list gave out (it was "
                + "changed, cut short or comes from another list); use the URL of the previous answer's "
                + "Link rel=\"next\" header as it is, or omit cursor to start from the first page");
    }
}
