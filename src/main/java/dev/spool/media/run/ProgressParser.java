package dev.spool.media.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Parses FFmpeg's {@code -progress} output ({@code key=value} lines, each block ended by
 * {@code progress=continue} or {@code progress=end}) into {@link Progress} records. Pure: it reads
 * the stream it is given and nothing else, so it is tested on captured output files. {@code N/A},
 * negative times and garbled values become null rather than errors.
 */
public final class ProgressParser {
    private final Duration expectedDuration;

    /** @param expectedDuration media duration the run will produce, for percent and ETA; null when unknown */
    public ProgressParser(Duration expectedDuration) {
        this.expectedDuration = expectedDuration == null || expectedDuration.isZero() || expectedDuration.isNegative()
                ? null : expectedDuration;
    }

    /** Reads {@code in} to its end, handing each report to {@code sink} as soon as its block ends. */
    public void parse(InputStream in, Consumer<Progress> sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<String, String> block = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals("progress")) {
                sink.accept(toProgress(block, value.equals("end")));
                block.clear();
            } else {
                block.put(key, value);
            }
        }
    }

    /** Convenience for tests and tools: every report in a finished stream. */
    public List<Progress> parseAll(InputStream in) throws IOException {
        List<Progress> all = new ArrayList<>();
        parse(in, all::add);
        return all;
    }

    private Progress toProgress(Map<String, String> b, boolean end) {
        Long frame = nonNegativeLong(b.get("frame"));
        Double fps = nonNegativeDouble(b.get("fps"));
        Duration outTime = outTime(b);
        String speedText = b.get("speed");
        Double speed = nonNegativeDouble(speedText == null ? null : speedText.replace("x", ""));
        Long size = nonNegativeLong(b.get("total_size"));
        Double percent = null;
        Duration eta = null;
        if (expectedDuration != null && outTime != null) {
            percent = end ? 100.0 : Math.min(100.0, 100.0 * outTime.toNanos() / expectedDuration.toNanos());
            if (end) {
                eta = Duration.ZERO;
            } else if (speed != null && speed > 0) {
                long remainingNanos = Math.max(0, expectedDuration.minus(outTime).toNanos());
                eta = Duration.ofNanos((long) (remainingNanos / speed));
            }
        }
        return new Progress(frame, fps, outTime, speed, size, percent, eta, end);
    }

    private static Duration outTime(Map<String, String> b) {
        // out_time_ms is in microseconds too (an old FFmpeg naming slip), so either key will do
        Long micros = nonNegativeLong(b.getOrDefault("out_time_us", b.get("out_time_ms")));
        if (micros != null) {
            return Duration.ofNanos(micros * 1000);
        }
        String text = b.get("out_time");
        if (text == null || text.startsWith("-")) {
            return null;
        }
        String[] hms = text.split(":");
        try {
            if (hms.length == 3) {
                double seconds = Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Double.parseDouble(hms[2]);
                return Duration.ofNanos((long) (seconds * 1e9));
            }
        } catch (NumberFormatException ignored) {
            // garbled: treat as absent
        }
        return null;
    }

    private static Long nonNegativeLong(String s) {
        if (s == null) {
            return null;
        }
        try {
            long v = Long.parseLong(s);
            return v >= 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double nonNegativeDouble(String s) {
        if (s == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(s);
            return v >= 0 && Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
