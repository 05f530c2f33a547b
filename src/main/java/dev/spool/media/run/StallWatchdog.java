package dev.spool.media.run;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Decides whether a run is stalled: no advance (media time, frames or bytes written) for the
 * timeout. Time comes from an injected nanosecond source, so tests move time instead of sleeping.
 * Thread-safe.
 */
public final class StallWatchdog {
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private long lastAdvance;
    private Progress last;

    public StallWatchdog(Duration timeout, LongSupplier nanoTime) {
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.lastAdvance = nanoTime.getAsLong();
    }

    /** Records a report; only a report that moved forward resets the timer. */
    public synchronized void observe(Progress p) {
        if (last == null || !Objects.equals(p.outTime(), last.outTime()) || !Objects.equals(p.frame(), last.frame())
                || !Objects.equals(p.totalSize(), last.totalSize())) {
            lastAdvance = nanoTime.getAsLong();
        }
        last = p;
    }

    /** Time since the last advance (or since start). */
    public synchronized Duration quietFor() {
        return Duration.ofNanos(nanoTime.getAsLong() - lastAdvance);
    }

    public boolean isStalled() {
        return quietFor().compareTo(timeout) >= 0;
    }

    public synchronized Progress lastProgress() {
        return last;
    }
}
