package dev.spool.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Which webhook URLs are acceptable: absolute http(s) URLs with a host. */
final class WebhookUrls {
    private WebhookUrls() {
    }

    /** What is wrong with {@code url}, or null when it is acceptable. */
    static String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a valid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "webhook URLs must use http or https, got '" + (scheme.isEmpty() ? "(none)" : scheme) + "'";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) return "webhook URL has no host";
        if (uri.getUserInfo() != null) return "webhook URLs must not carry credentials";
        return null;
    }
}
