package io.warmline.notification.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Which push endpoints a rep may register: https URLs on the hosts of known push services (a host in the list, or a
 * subdomain of one: {@code fcm.googleapis.com}, {@code *.notify.windows.com}, …), so that alerts, which carry a
 * lead's name and phone, are never posted to an arbitrary server. Loopback endpoints only when allowed (tests).
 */
public record PushEndpoints(List<String> allowedHosts, boolean allowLoopback) {

    private static final List<String> LOOPBACK = List.of("127.0.0.1", "localhost", "[::1]", "::1");

    /** Why this endpoint cannot be registered, or null when it can. */
    public String refusal(String endpoint) {
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > 2000) {
            return "must be the push service's URL from the browser's subscription (at most 2000 characters)";
        }
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            return "must be a URL";
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null) {
            return "must be a URL with a host and no user info";
        }
        if (LOOPBACK.contains(host)) {
            return allowLoopback && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) ? null
                    : "must be on a push service's host, not this machine";
        }
        if (!"https".equals(uri.getScheme()) || uri.getPort() != -1 && uri.getPort() != 443) {
            return "must be an https URL on the default port";
        }
        boolean known = allowedHosts.stream().map(allowed -> allowed.toLowerCase(Locale.ROOT))
                .anyMatch(allowed -> host.equals(allowed) || host.endsWith("." + allowed));
        return known ? null : "must be on a known push service's host (" + String.join(", ", allowedHosts) + ")";
    }
}
