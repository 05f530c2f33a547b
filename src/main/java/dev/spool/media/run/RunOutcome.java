package dev.spool.media.run;

import java.time.Duration;
import java.util.List;

/** How an FFmpeg run ended. Each carries the last lines of stderr (at most {@link StderrTail#DEFAULT_LINES}). */
public sealed interface RunOutcome {
    List<String> stderrTail();

    /** FFmpeg exited 0. {@code lastProgress} is null if it reported none. */
    record Succeeded(Progress lastProgress, List<String> stderrTail) implements RunOutcome {
    }

    /**
     * FFmpeg failed.
     *
     * @param reason   one line for a human: the meaningful stderr line, or why it could not start
     * @param exitCode the exit status, -1 when the process never started
     */
    record Failed(String reason, int exitCode, List<String> stderrTail) implements RunOutcome {
    }

    /** No progress for {@code stalledFor}: the watchdog stopped the process. */
    record Stalled(Duration stalledFor, List<String> stderrTail) implements RunOutcome {
        public String reason() {
            return "stalled: no progress for " + stalledFor.toSeconds() + " s";
        }
    }

    /** Stopped because {@link RunHandle#cancel()} was called. */
    record Cancelled(List<String> stderrTail) implements RunOutcome {
    }
}
