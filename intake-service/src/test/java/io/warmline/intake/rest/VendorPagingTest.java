package io.warmline.intake.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.warmline.platform.testing.Pages;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /vendors page by page on the real database: every vendor once, by id, also when vendors are registered while
 * an operator pages (one sorting after the cursor is shown, one before it belongs to a page already read).
 */
@QuarkusTest
class VendorPagingTest {

    final String suffix = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void everyVendorOnceByIdWhileVendorsAreRegistered() {
        List<String> mine = new ArrayList<>();
        for (String name : List.of("m1", "m2", "m3", "m4", "m5")) {
            mine.add(register(name + "-" + suffix));
        }
        String[] added = new String[2];
        List<String> seen = Pages.walk(Operators::operator, "/vendors?limit=3", page -> {
            if (page == 1) {
                added[0] = register("0" + suffix); // sorts before every vendor: the first page is read
                added[1] = register("zz" + suffix); // sorts after: still to come
            }
        }).stream().map(row -> (String) row.get("id")).toList();

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no vendor twice");
        assertEquals(seen.stream().sorted().toList(), seen, "by id");
        assertTrue(seen.containsAll(mine), "every vendor of the walk");
        assertTrue(seen.contains(added[1]), "a vendor registered ahead of the cursor");
        assertFalse(seen.contains(added[0]), "a vendor registered behind the cursor");
    }

    @Test
    void badPagingParametersAreProblemDetails() {
        for (String limit : List.of("0", "-1", "501", "many")) {
            Operators.operator().get("/vendors?limit=" + limit).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:warmline:problem:invalid-limit"))
                    .body("detail", containsString("from 1 to 500"));
        }
        register("c1-" + suffix);
        register("c2-" + suffix);
        String next = Pages.next(Operators.operator().get("/vendors?limit=1"));
        String cursor = next.replaceAll(".*cursor=([^&]*).*", "$1");
        for (String bad : List.of("nonsense", cursor.substring(1), cursor.replace('.', '-'))) {
            Operators.operator().get("/vendors?cursor=" + bad).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:warmline:problem:invalid-cursor"));
        }
        Operators.operator().get(next).then().statusCode(200);
    }

    private static String register(String id) {
        Operators.operator().contentType("application/json").body("{\"id\":\"" + id + "\",\"name\":\"Paging\"}")
                .post("/vendors").then().statusCode(201);
        return id;
    }
}
