package dev.spool.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How URL downloads behave; validated once, immutable.
 *
 * @param backoff         waits between attempts; its size is the number of retries (default 2 s, 4 s, 8 s:
 *                        four attempts in all). Env {@code SPOOL_INGEST_BACKOFF=2s,4s,8s}
 * @param maxBytes        largest download accepted (default 2 GiB). Env {@code SPOOL_INGEST_MAX_BYTES}
 * @param allowPrivate    allow loopback, private and link-local addresses (default false: refused).
 *                        Env {@code SPOOL_INGEST_ALLOW_PRIVATE=true}
 * @param connectTimeout  TCP/TLS connect timeout (default 10 s)
 * @param headersTimeout  time to the response headers (default 60 s)
 * @param maxRedirects    redirects followed, each re-checked against the address policy (default 5)
 * @param cacheDir        downloaded content by URL (default {@code <data dir>/ingest-cache})
 */
public record IngestSettings(List<Duration> backoff, long maxBytes, boolean allowPrivate, Duration connectTimeout,
                             Duration headersTimeout, int maxRedirects, Path cacheDir) {
    public static final String ALLOW_PRIVATE_ENV = "SPOOL_INGEST_ALLOW_PRIVATE";
    public static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4),
            Duration.ofSeconds(8));
    public static final long DEFAULT_MAX_BYTES = 2L << 30;

    public IngestSettings {
        backoff = List.copyOf(backoff);
        for (Duration d : backoff) {
            if (d.isNegative()) throw new IllegalArgumentException("ingest backoff must not be negative, got " + d);
        }
        if (maxBytes < 1) throw new IllegalArgumentException("ingest maxBytes must be positive, got " + maxBytes);
        if (maxRedirects < 0) throw new IllegalArgumentException("ingest maxRedirects must not be negative");
        if (cacheDir == null) throw new IllegalArgumentException("ingest cacheDir is required");
    }

    public static IngestSettings defaults(Path dataDir) {
        return new IngestSettings(DEFAULT_BACKOFF, DEFAULT_MAX_BYTES, false, Duration.ofSeconds(10),
                Duration.ofSeconds(60), 5, dataDir.resolve("ingest-cache"));
    }

    /** Defaults overridden by {@code SPOOL_INGEST_*} variables; a bad value names the variable. */
    public static IngestSettings fromEnvironment(Path dataDir, Map<String, String> env) {
        IngestSettings s = defaults(dataDir);
        String allow = env.get(ALLOW_PRIVATE_ENV);
        if (allow != null) {
            if (!allow.equals("true") && !allow.equals("false")) {
                throw new IllegalArgumentException(ALLOW_PRIVATE_ENV + " must be true or false, got '" + allow + "'");
            }
            s = s.withAllowPrivate(Boolean.parseBoolean(allow));
        }
        String max = env.get("SPOOL_INGEST_MAX_BYTES");
        if (max != null) {
            try {
                s = new IngestSettings(s.backoff, Long.parseLong(max.trim()), s.allowPrivate, s.connectTimeout,
                        s.headersTimeout, s.maxRedirects, s.cacheDir);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SPOOL_INGEST_MAX_BYTES must be a number of bytes, got '" + max + "'");
            }
        }
        String backoff = env.get("SPOOL_INGEST_BACKOFF");
        if (backoff != null) s = s.withBackoff(parseBackoff(backoff));
        return s;
    }

    static List<Duration> parseBackoff(String text) {
        List<Duration> out = new ArrayList<>();
        if (text.isBlank()) return out;
        for (String part : text.split(",")) {
            String p = part.trim().toLowerCase();
            try {
                if (p.endsWith("ms")) out.add(Duration.ofMillis(Long.parseLong(p.substring(0, p.length() - 2))));
                else if (p.endsWith("s")) out.add(Duration.ofMillis(Math.round(Double.parseDouble(p.substring(0, p.length() - 1)) * 1000)));
                else throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SPOOL_INGEST_BACKOFF: '" + part.trim()
                        + "' is not a duration like 2s or 500ms");
            }
        }
        return out;
    }

    public IngestSettings withBackoff(List<Duration> b) {
        return new IngestSettings(b, maxBytes, allowPrivate, connectTimeout, headersTimeout, maxRedirects, cacheDir);
    }

    public IngestSettings withAllowPrivate(boolean allow) {
        return new IngestSettings(backoff, maxBytes, allow, connectTimeout, headersTimeout, maxRedirects, cacheDir);
    }

    public IngestSettings withMaxBytes(long max) {
        return new IngestSettings(backoff, max, allowPrivate, connectTimeout, headersTimeout, maxRedirects, cacheDir);
    }
}
