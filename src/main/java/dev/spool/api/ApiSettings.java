package dev.spool.api;

import dev.spool.config.ConfigException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the HTTP API behaves; validated once when built (messages name the setting), immutable after.
 *
 * @param host               address to listen on (default {@code 127.0.0.1}; env {@code SPOOL_HOST})
 * @param port               TCP port, 0 for any free one (default 8470; env {@code SPOOL_PORT})
 * @param insecure           allow listening on a non-loopback address with no API token (default false)
 * @param healthPublic       {@code /health} and {@code /ready} need no token (default true; env {@code SPOOL_HEALTH_PUBLIC})
 * @param metricsPublic      {@code /metrics} needs no token (default true; env {@code SPOOL_METRICS_PUBLIC})
 * @param mediaRoots         folders job sources and outputs must lie in; empty allows any path
 *                           (default empty; env {@code SPOOL_MEDIA_ROOTS}, separated by the path separator)
 * @param maxBodyBytes       largest accepted request body (default 1 MiB); larger gets 413
 * @param webhookSecret      HMAC-SHA256 key for webhook signatures (env {@code SPOOL_WEBHOOK_SECRET}); without
 *                           it, webhooks are refused. Never logged or printed
 * @param defaultWebhookUrl  receives every job's state changes in addition to per-job URLs
 *                           (default none; env {@code SPOOL_WEBHOOK_URL})
 * @param eventPoll          how often the shared event poller reads new events (default 150 ms)
 * @param wsPing             WebSocket ping interval (default 20 s)
 * @param webhookRetryBase   first retry delay; doubles per attempt (default 2 s)
 * @param webhookMaxAttempts attempts before a delivery is FAILED (default 8)
 * @param webhookTimeout     per-attempt timeout (default 10 s)
 */
public record ApiSettings(String host, int port, boolean insecure, boolean healthPublic, boolean metricsPublic,
                          List<Path> mediaRoots, long maxBodyBytes, String webhookSecret, String defaultWebhookUrl,
                          Duration eventPoll, Duration wsPing, Duration webhookRetryBase, int webhookMaxAttempts,
                          Duration webhookTimeout) {

    public static final int DEFAULT_PORT = 8470;

    public ApiSettings {
        if (host == null || host.isBlank()) throw new ConfigException("host is required");
        if (port < 0 || port > 65535) throw new ConfigException("port must be 0 to 65535, got " + port);
        mediaRoots = List.copyOf(mediaRoots);
        if (maxBodyBytes < 1024) throw new ConfigException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        if (webhookSecret != null && webhookSecret.length() < 16) {
            throw new ConfigException("SPOOL_WEBHOOK_SECRET must be at least 16 characters");
        }
        if (defaultWebhookUrl != null) {
            String problem = WebhookUrls.problem(defaultWebhookUrl);
            if (problem != null) throw new ConfigException("SPOOL_WEBHOOK_URL: " + problem);
            if (webhookSecret == null) throw new ConfigException("SPOOL_WEBHOOK_URL needs SPOOL_WEBHOOK_SECRET to sign with");
        }
        positive("eventPoll", eventPoll);
        positive("wsPing", wsPing);
        positive("webhookRetryBase", webhookRetryBase);
        positive("webhookTimeout", webhookTimeout);
        if (webhookMaxAttempts < 1 || webhookMaxAttempts > 30) {
            throw new ConfigException("webhookMaxAttempts must be 1 to 30, got " + webhookMaxAttempts);
        }
    }

    /** Defaults: loopback, port 8470, no media-root restriction, no webhook secret. */
    public static ApiSettings defaults() {
        return new ApiSettings("127.0.0.1", DEFAULT_PORT, false, true, true, List.of(), 1024 * 1024, null, null,
                Duration.ofMillis(150), Duration.ofSeconds(20), Duration.ofSeconds(2), 8, Duration.ofSeconds(10));
    }

    /** Defaults overridden by {@code SPOOL_*} environment variables (see the parameter docs). */
    public static ApiSettings fromEnvironment(Map<String, String> env) {
        ApiSettings d = defaults();
        String host = env.getOrDefault("SPOOL_HOST", d.host);
        int port = d.port;
        if (env.get("SPOOL_PORT") != null) {
            try {
                port = Integer.parseInt(env.get("SPOOL_PORT").trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("SPOOL_PORT must be a number, got '" + env.get("SPOOL_PORT") + "'");
            }
        }
        List<Path> roots = d.mediaRoots;
        String r = env.get("SPOOL_MEDIA_ROOTS");
        if (r != null && !r.isBlank()) {
            roots = Arrays.stream(r.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        }
        return new ApiSettings(host, port, d.insecure, flag(env, "SPOOL_HEALTH_PUBLIC", d.healthPublic),
                flag(env, "SPOOL_METRICS_PUBLIC", d.metricsPublic), roots, d.maxBodyBytes,
                blankToNull(env.get("SPOOL_WEBHOOK_SECRET")), blankToNull(env.get("SPOOL_WEBHOOK_URL")), d.eventPoll,
                d.wsPing, d.webhookRetryBase, d.webhookMaxAttempts, d.webhookTimeout);
    }

    public ApiSettings withListen(String h, int p) {
        return new ApiSettings(h, p, insecure, healthPublic, metricsPublic, mediaRoots, maxBodyBytes, webhookSecret,
                defaultWebhookUrl, eventPoll, wsPing, webhookRetryBase, webhookMaxAttempts, webhookTimeout);
    }

    public ApiSettings withInsecure(boolean allow) {
        return new ApiSettings(host, port, allow, healthPublic, metricsPublic, mediaRoots, maxBodyBytes, webhookSecret,
                defaultWebhookUrl, eventPoll, wsPing, webhookRetryBase, webhookMaxAttempts, webhookTimeout);
    }

    public ApiSettings withPublicEndpoints(boolean health, boolean metrics) {
        return new ApiSettings(host, port, insecure, health, metrics, mediaRoots, maxBodyBytes, webhookSecret,
                defaultWebhookUrl, eventPoll, wsPing, webhookRetryBase, webhookMaxAttempts, webhookTimeout);
    }

    public ApiSettings withMediaRoots(List<Path> roots) {
        return new ApiSettings(host, port, insecure, healthPublic, metricsPublic, roots, maxBodyBytes, webhookSecret,
                defaultWebhookUrl, eventPoll, wsPing, webhookRetryBase, webhookMaxAttempts, webhookTimeout);
    }

    public ApiSettings withMaxBodyBytes(long bytes) {
        return new ApiSettings(host, port, insecure, healthPublic, metricsPublic, mediaRoots, bytes, webhookSecret,
                defaultWebhookUrl, eventPoll, wsPing, webhookRetryBase, webhookMaxAttempts, webhookTimeout);
    }

    public ApiSettings withWebhooks(String secret, String defaultUrl, Duration retryBase, int maxAttempts) {
        return new ApiSettings(host, port, insecure, healthPublic, metricsPublic, mediaRoots, maxBodyBytes, secret,
                defaultUrl, eventPoll, wsPing, retryBase, maxAttempts, webhookTimeout);
    }

    public ApiSettings withEventTiming(Duration poll, Duration ping) {
        return new ApiSettings(host, port, insecure, healthPublic, metricsPublic, mediaRoots, maxBodyBytes, webhookSecret,
                defaultWebhookUrl, poll, ping, webhookRetryBase, webhookMaxAttempts, webhookTimeout);
    }

    /** Never prints the webhook secret. */
    @Override
    public String toString() {
        return "ApiSettings[host=" + host + ", port=" + port + ", insecure=" + insecure + ", healthPublic=" + healthPublic
                + ", metricsPublic=" + metricsPublic + ", mediaRoots=" + mediaRoots + ", maxBodyBytes=" + maxBodyBytes
                + ", webhookSecret=" + (webhookSecret == null ? "none" : "***") + ", defaultWebhookUrl="
                + (defaultWebhookUrl == null ? "none" : URI.create(defaultWebhookUrl).getHost()) + "]";
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw new ConfigException(name + " must be a positive duration");
    }

    private static boolean flag(Map<String, String> env, String key, boolean dflt) {
        String v = env.get(key);
        if (v == null || v.isBlank()) return dflt;
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("1") || t.equals("true") || t.equals("yes")) return true;
        if (t.equals("0") || t.equals("false") || t.equals("no")) return false;
        throw new ConfigException(key + " must be true or false, got '" + v + "'");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
