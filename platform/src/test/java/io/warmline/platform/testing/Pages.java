package io.warmline.platform.testing;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client walking a paged list as documented: each page's {@code Link: rel="next"} URL, until there is none. */
public final class Pages {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");

    private Pages() {
    }

    /**
     * Every row of the list from {@code first} on, page after page; {@code betweenPages} runs after each page that
     * has a next one (with that page's number, from 1), e.g. to add rows while the client is paging.
     */
    public static List<Map<String, Object>> walk(Supplier<RequestSpecification> caller, String first,
                                                 IntConsumer betweenPages) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String url = first;
        for (int page = 1; url != null; page++) {
            Response answer = caller.get().get(url);
            answer.then().statusCode(200);
            rows.addAll(answer.jsonPath().getList("$"));
            url = next(answer);
            if (url != null) {
                betweenPages.accept(page);
            }
        }
        return rows;
    }

    /** The next page's URL from the answer's Link header, or null on the last page. */
    public static String next(Response answer) {
        String link = answer.header("Link");
        if (link == null) {
            return null;
        }
        Matcher next = NEXT.matcher(link);
        return next.find() ? next.group(1) : null;
    }
}
