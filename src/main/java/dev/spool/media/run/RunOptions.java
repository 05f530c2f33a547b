package dev.spool.media.run;

import java.time.Duration;

/**
 * How to supervise one FFmpeg run.
 *
 * @param expectedDuration media duration the run produces, for percent and ETA; null when unknown
 * @param stallTimeout     stop and report {@link RunOutcome.Stalled} after this long without progress; default 60 s
 * @param stopGrace        after writing 'q', how long to wait before killing; default 1 s (so cancel completes within 2 s)
 */
public record RunOptions(Duration expectedDuration, Duration stallTimeout, Duration stopGrace) {
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(1);

    public RunOptions {
        if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stallTimeout must be positive");
        }
        if (stopGrace == null || stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must not be negative");
        }
    }

    /** Defaults for a run of the given expected duration (may be null). */
    public static RunOptions expecting(Duration expectedDuration) {
        return new RunOptions(expectedDuration, DEFAULT_STALL_TIMEOUT, DEFAULT_STOP_GRACE);
    }

    public RunOptions withStallTimeout(Duration timeout) {
        return new RunOptions(expectedDuration, timeout, stopGrace);
    }

    public RunOptions withStopGrace(Duration grace) {
        return new RunOptions(expectedDuration, stallTimeout, grace);
    }
}
