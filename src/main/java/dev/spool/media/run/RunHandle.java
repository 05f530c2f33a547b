package dev.spool.media.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** A running FFmpeg process started by {@link FfmpegRunner}: await its outcome or cancel it. */
public final class RunHandle {
    enum StopReason { CANCELLED, STALLED }

    private final Process process;
    private final Duration stopGrace;
    private final CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();

    RunHandle(Process process, Duration stopGrace) {
        this.process = process;
        this.stopGrace = stopGrace;
    }

    /** Completes when the process has exited and its output is drained. */
    public CompletableFuture<RunOutcome> outcome() {
        return outcome;
    }

    /** Blocks until the run ends. */
    public RunOutcome await() {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
            return outcome.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("runner failed", e.getCause());
        }
    }

    /** Blocks up to {@code timeout}; throws {@link TimeoutException} if the run is still going. */
    public RunOutcome await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("runner failed", e.getCause());
        }
    }

    /**
     * Asks FFmpeg to stop: 'q' on stdin (it finalises the files it writes), then SIGTERM and SIGKILL if
     * it is still alive after the grace period. Returns at once; the outcome becomes
     * {@link RunOutcome.Cancelled}. Calling it again, or after the end, does nothing.
     */
    public void cancel() {
        stop(StopReason.CANCELLED);
    }

    /** The process id, for logs; -1 when the process never started. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    StopReason stopReason() {
        return stopReason.get();
    }

    CompletableFuture<RunOutcome> completion() {
        return outcome;
    }

    void stop(StopReason reason) {
        if (process == null || !stopReason.compareAndSet(null, reason) || !process.isAlive()) {
            return;
        }
        Daemon.EXECUTOR.execute(this::escalate);
    }

    private void escalate() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write("q\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException alreadyGone) {
            // the process closed stdin or exited: escalation below handles the rest
        }
        try {
            if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(300, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
