package dev.spool.media.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Keeps the last lines a process wrote to a stream. Thread-safe: one thread {@link #drain drains},
 * others read {@link #lines()} at any time.
 */
public final class StderrTail {
    /** How many lines a failure report carries (DESIGN.md, Execution guarantees 4). */
    public static final int DEFAULT_LINES = 50;

    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    public StderrTail(int capacity) {
        this.capacity = capacity;
    }

    /** Reads {@code in} to its end, keeping the last lines; never throws on a closed stream. */
    public void drain(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                add(line);
            }
        } catch (IOException closedUnderUs) {
            // the process was destroyed; what we kept is what there is
        }
    }

    public synchronized void add(String line) {
        // ffmpeg separates its stats updates with \r; keep the last segment of such a line
        int cr = line.lastIndexOf('\r');
        String clean = (cr >= 0 ? line.substring(cr + 1) : line).stripTrailing();
        if (clean.isEmpty()) {
            return;
        }
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(clean);
    }

    /** A snapshot of the kept lines, oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
