package io.warmline.e2e.contract;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One generated request: what it is (the operation it aims at, or none for a method the path does not have), how it
 * was made ({@code variant}: valid, or which mutation) and with which token, printed as a curl-like line when it
 * fails so it can be sent again by hand.
 */
record ContractRequest(ServiceContract.Operation operation, String variant, String role, String method, String path,
                       Map<String, String> query, Map<String, String> headers, String contentType, byte[] body) {

    static ContractRequest of(ServiceContract.Operation operation, String variant, String role, String method,
                              String path) {
        return new ContractRequest(operation, variant, role, method, path, new LinkedHashMap<>(), new LinkedHashMap<>(),
                null, null);
    }

    ContractRequest withBody(String type, byte[] bytes) {
        return new ContractRequest(operation, variant, role, method, path, query, headers, type, bytes);
    }

    ContractRequest as(String otherVariant, String otherRole) {
        return new ContractRequest(operation, otherVariant, otherRole, method, path, new LinkedHashMap<>(query),
                new LinkedHashMap<>(headers), contentType, body);
    }

    String target() {
        String encoded = query.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return path + (encoded.isEmpty() ? "" : "?" + encoded);
    }

    HttpRequest toHttp(String baseUrl, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + target()))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /** The request as a reader would replay it (the body cut after 300 characters). */
    String describe(String baseUrl) {
        StringBuilder line = new StringBuilder("[" + variant + ", token: " + (role == null ? "none" : role) + "] ")
                .append(method).append(' ').append(baseUrl).append(target());
        headers.forEach((name, value) -> line.append(" -H '").append(name).append(": ").append(value).append('\''));
        if (contentType != null) {
            line.append(" -H 'Content-Type: ").append(contentType).append('\'');
        }
        if (body != null) {
            String text = new String(body, StandardCharsets.UTF_8);
            line.append(" -d '").append(text.length() > 300 ? text.substring(0, 300) + "...(" + text.length()
                    + " chars)" : text).append('\'');
        }
        return line.toString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
