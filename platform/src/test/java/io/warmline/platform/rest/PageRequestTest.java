package io.warmline.platform.rest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageRequestTest {

    @Test
    void withoutParametersTheFirstPageOfTheDefaultSize() {
        PageRequest page = PageRequest.of("queue", 2, null, null);
        assertTrue(page.first());
        assertEquals(PageRequest.DEFAULT_LIMIT, page.limit());
        assertEquals(PageRequest.DEFAULT_LIMIT + 1, page.rowsToFetch());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "501", "ten", "", "2.5", "99999999999"})
    void aBadLimitIsRefusedSayingWhatIsAllowed(String limit) {
        Problem refused = assertThrows(Problem.class, () -> PageRequest.of("queue", 1, limit, null));
        assertEquals(400, refused.status);
        assertEquals("invalid-limit", refused.slug);
        assertTrue(refused.detail.contains("from 1 to 500"), refused.detail);
    }

    @Test
    void theCursorOfAFullPageLeadsToTheRowAfterItsLast() {
        List<String> rows = List.of("a", "b", "c");
        Page<String> first = PageRequest.of("reps", 1, "2", null).page(rows, row -> List.of(row));
        assertEquals(List.of("a", "b"), first.items());
        PageRequest next = PageRequest.of("reps", 1, "2", first.nextCursor());
        assertEquals("b", next.afterText(0));
        assertNull(PageRequest.of("reps", 1, "3", null).page(rows, row -> List.of(row)).nextCursor(),
                "no next page once every row is shown");
    }

    @Test
    void keyPartsKeepTheirTypesAndNulls() {
        Instant at = Instant.parse("2026-11-28T05:00:00.123456Z");
        String cursor = PageRequest.cursor("open-leads", Arrays.asList(null, at.toString(), "42"));
        PageRequest next = PageRequest.of("open-leads", 3, null, cursor);
        assertNull(next.afterInstant(0));
        assertEquals(at, next.afterInstant(1));
        assertEquals(42L, next.afterLong(2));
    }

    @Test
    void aTamperedCutOrForeignCursorIsRefused() {
        String cursor = PageRequest.cursor("reps", List.of("alex"));
        String forged = PageRequest.cursor("reps", List.of("zoe"));
        String tampered = forged.substring(0, forged.indexOf('.')) + cursor.substring(cursor.indexOf('.'));
        List<String> refused = new ArrayList<>(List.of(tampered, cursor.substring(0, cursor.length() - 3),
                "not-a-cursor", "%%%", cursor + "x", "."));
        refused.forEach(bad -> assertInvalidCursor(() -> PageRequest.of("reps", 1, null, bad)));
        assertInvalidCursor(() -> PageRequest.of("vendors", 1, null, cursor));
        assertInvalidCursor(() -> PageRequest.of("reps", 2, null, cursor));
        assertInvalidCursor(() -> PageRequest.of("reps", 1, null, cursor).afterLong(0));
    }

    private static void assertInvalidCursor(org.junit.jupiter.api.function.Executable call) {
        Problem refused = assertThrows(Problem.class, call);
        assertEquals(400, refused.status);
        assertEquals("invalid-cursor", refused.slug);
    }
}
