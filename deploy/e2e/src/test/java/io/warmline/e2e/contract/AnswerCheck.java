package io.warmline.e2e.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every answer must be: never a 5xx; a status the operation documents; a body that validates against the
 * schema documented for that status and media type; a client error as RFC 9457 problem details ({@code type},
 * {@code title}, {@code status}, {@code detail}); a 401 to a request without a token where the operation needs one;
 * a 405 with {@code Allow} for a method the path does not have.
 */
final class AnswerCheck {

    private static final String PROBLEM = "application/problem+json";

    private final ServiceContract contract;

    AnswerCheck(ServiceContract contract) {
        this.contract = contract;
    }

    /** What is wrong with the answer; empty when it keeps the contract. */
    List<String> check(ContractRequest request, HttpResponse<String> answer) {
        List<String> wrong = new ArrayList<>();
        int status = answer.statusCode();
        String mediaType = answer.headers().firstValue("Content-Type").map(AnswerCheck::bare).orElse("");
        String body = answer.body() == null ? "" : answer.body();
        if (status >= 500) {
            wrong.add("a server error, " + status);
        }
        if (status >= 400 && status < 500) {
            problemDetails(status, mediaType, body, wrong);
        }
        if (request.operation() == null) {
            if (status != 405) {
                wrong.add("a method the path does not have answered " + status + ", not 405");
            } else if (answer.headers().firstValue("Allow").isEmpty()) {
                wrong.add("a 405 without Allow");
            } else {
                Set<String> allowed = Set.of(answer.headers().firstValue("Allow").get().toUpperCase()
                        .replace(" ", "").split(","));
                for (String documented : contract.methods(request.path().isEmpty() ? "/" : templateOf(request))) {
                    if (!allowed.contains(documented)) {
                        wrong.add("Allow '" + answer.headers().firstValue("Allow").get() + "' leaves out "
                                + documented);
                    }
                }
            }
            return wrong;
        }
        if (request.role() == null && request.operation().roles() != null && "valid".equals(request.variant())
                && status != 401) {
            wrong.add("no token, yet " + status + " rather than 401");
        }
        JsonNode documented = contract.response(request.operation(), status);
        if (documented == null) {
            wrong.add("status " + status + " is not documented for " + request.operation().id()
                    + " (documented: " + iterable(request.operation().spec().path("responses").fieldNames()) + ")");
            return wrong;
        }
        JsonNode content = documented.path("content");
        if (body.isEmpty()) {
            return wrong;
        }
        if (content.isMissingNode() || content.isEmpty()) {
            wrong.add("a " + mediaType + " body where " + status + " documents none");
            return wrong;
        }
        JsonNode media = content.get(mediaType);
        if (media == null) {
            media = content.get("*/*");
        }
        if (media == null) {
            wrong.add("media type " + mediaType + " is not documented for " + status + " (documented: "
                    + iterable(content.fieldNames()) + ")");
            return wrong;
        }
        if (media.has("schema") && mediaType.endsWith("json")) {
            try {
                JsonNode json = ServiceContract.JSON.readTree(body);
                for (String violation : contract.violations(media.get("schema"), json)) {
                    wrong.add("body breaks the " + status + " schema: " + violation);
                }
            } catch (Exception e) {
                wrong.add("a " + mediaType + " body that is not JSON");
            }
        }
        return wrong;
    }

    private static void problemDetails(int status, String mediaType, String body, List<String> wrong) {
        if (!PROBLEM.equals(mediaType)) {
            wrong.add("a " + status + " as '" + mediaType + "', not " + PROBLEM);
            return;
        }
        try {
            JsonNode problem = ServiceContract.JSON.readTree(body);
            for (String member : List.of("type", "title", "detail")) {
                if (!problem.path(member).isTextual() || problem.path(member).asText().isBlank()) {
                    wrong.add("problem details without '" + member + "'");
                }
            }
            if (problem.path("status").asInt() != status) {
                wrong.add("problem details whose status is " + problem.path("status") + ", not " + status);
            }
        } catch (Exception e) {
            wrong.add("problem details that are not JSON");
        }
    }

    /** The documented path template a concrete wrong-method request was made from. */
    private String templateOf(ContractRequest request) {
        return request.variant().substring(request.variant().indexOf(' ') + 1);
    }

    private static String bare(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
    }

    private static String iterable(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return String.join(", ", list);
    }
}
