package dev.spool.media.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs an FFmpeg command (never through a shell) and supervises it: progress from
 * {@code -progress pipe:1} parsed on its own thread, stderr drained on another (last
 * {@value StderrTail#DEFAULT_LINES} lines kept), a stall watchdog, graceful stop on cancel.
 * The result is a {@link RunOutcome} value; only a bug throws.
 */
public final class FfmpegRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegRunner.class);

    private final LongSupplier nanoTime;

    public FfmpegRunner() {
        this(System::nanoTime);
    }

    /** @param nanoTime monotonic time source for the stall watchdog (tests inject their own) */
    public FfmpegRunner(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Runs to the end and returns the outcome. */
    public RunOutcome run(List<String> command, RunOptions options, Consumer<Progress> listener) {
        return start(command, options, listener).await();
    }

    /**
     * Starts the command and returns at once.
     *
     * @param listener called on the progress thread for each report; must be quick and not throw
     */
    public RunHandle start(List<String> command, RunOptions options, Consumer<Progress> listener) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            RunHandle failed = new RunHandle(null, options.stopGrace());
            failed.completion().complete(new RunOutcome.Failed(
                    "cannot start " + command.get(0) + ": " + e.getMessage(), -1, List.of()));
            return failed;
        }
        RunHandle handle = new RunHandle(process, options.stopGrace());
        StderrTail tail = new StderrTail(StderrTail.DEFAULT_LINES);
        StallWatchdog watchdog = new StallWatchdog(options.stallTimeout(), nanoTime);
        ProgressParser parser = new ProgressParser(options.expectedDuration());

        CompletableFuture<Void> progressDone = CompletableFuture.runAsync(() -> {
            try {
                parser.parse(process.getInputStream(), p -> {
                    watchdog.observe(p);
                    try {
                        listener.accept(p);
                    } catch (RuntimeException e) {
                        LOG.warn("progress listener failed; ignoring", e);
                    }
                });
            } catch (IOException closedUnderUs) {
                // the process was destroyed
            }
        }, Daemon.EXECUTOR);
        CompletableFuture<Void> stderrDone = CompletableFuture.runAsync(() -> tail.drain(process.getErrorStream()), Daemon.EXECUTOR);

        long checkMillis = Math.max(20, Math.min(1000, options.stallTimeout().toMillis() / 4));
        ScheduledFuture<?> watch = Daemon.SCHEDULER.scheduleAtFixedRate(() -> {
            if (watchdog.isStalled()) {
                handle.stop(RunHandle.StopReason.STALLED);
            }
        }, checkMillis, checkMillis, TimeUnit.MILLISECONDS);

        process.onExit().thenRunAsync(() -> {
            watch.cancel(false);
            try {
                // a child that inherited the pipes could keep them open; do not wait for it forever
                CompletableFuture.allOf(progressDone, stderrDone).get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // take what was drained
            } finally {
                ProcessCapture.closeQuietly(process);
            }
            handle.completion().complete(outcome(process.exitValue(), handle.stopReason(), watchdog, tail.lines()));
        }, Daemon.EXECUTOR);
        return handle;
    }

    private static RunOutcome outcome(int exitCode, RunHandle.StopReason stop, StallWatchdog watchdog, List<String> tail) {
        if (stop == RunHandle.StopReason.CANCELLED) {
            return new RunOutcome.Cancelled(tail);
        }
        if (stop == RunHandle.StopReason.STALLED) {
            return new RunOutcome.Stalled(watchdog.quietFor(), tail);
        }
        if (exitCode == 0) {
            return new RunOutcome.Succeeded(watchdog.lastProgress(), tail);
        }
        String line = StderrDiagnosis.meaningfulLine(tail);
        return new RunOutcome.Failed(line == null ? "ffmpeg exited with code " + exitCode : line, exitCode, tail);
    }

    /** The expected media duration for percent and ETA, from seconds (null stays null). */
    public static Duration seconds(Double seconds) {
        return seconds == null ? null : Duration.ofNanos((long) (seconds * 1e9));
    }
}
