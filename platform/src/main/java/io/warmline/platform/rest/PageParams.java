package io.warmline.platform.rest;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The paging query parameters of every list endpoint ({@code @BeanParam PageParams page}), documented once. Both are
 * taken as text so that a bad value gets the problem details of {@link PageRequest}, not the framework's 404.
 */
public class PageParams {

    @RestQuery
    @Parameter(description = "How many rows per page, from 1 to " + PageRequest.MAX_LIMIT + " (default "
            + PageRequest.DEFAULT_LIMIT + ").")
    public String limit;

    @RestQuery
    @Parameter(description = "Where the page starts: opaque, taken from the previous answer's Link rel=\"next\" "
            + "URL (omit it for the first page). Pages follow the list's order and stay exact while rows are added.")
    public String cursor;

    public PageRequest on(String list, int keyParts) {
        return PageRequest.of(list, keyParts, limit, cursor);
    }
}
