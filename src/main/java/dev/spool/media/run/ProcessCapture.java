package dev.spool.media.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived tool (ffprobe, {@code ffmpeg -version}) to completion and captures its output.
 * No shell; stdout and stderr are drained on their own threads so neither can block the process;
 * stdin is closed at once so a tool can never wait on it.
 */
public final class ProcessCapture {
    private ProcessCapture() {
    }

    /**
     * What a finished (or timed-out) process left.
     *
     * @param exitCode the exit status, or -1 when it timed out and was killed
     * @param timedOut true when the process did not finish within the timeout
     */
    public record Result(int exitCode, boolean timedOut, String stdout, List<String> stderr) {
        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    /**
     * @throws UncheckedIOException when the executable cannot be started at all
     */
    public static Result run(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // nothing to close
        }
        StderrTail stderr = new StderrTail(200);
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), Daemon.EXECUTOR);
        CompletableFuture<Void> err = CompletableFuture.runAsync(() -> stderr.drain(process.getErrorStream()), Daemon.EXECUTOR);
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
            String stdout = out.get(5, TimeUnit.SECONDS);
            err.get(5, TimeUnit.SECONDS);
            return new Result(finished ? process.exitValue() : -1, !finished, stdout, stderr.lines());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, true, "", stderr.lines());
        } catch (Exception e) {
            process.destroyForcibly();
            return new Result(-1, true, "", stderr.lines());
        } finally {
            closeQuietly(process);
        }
    }

    static void closeQuietly(Process process) {
        for (java.io.Closeable c : new java.io.Closeable[] {
                process.getInputStream(), process.getErrorStream(), process.getOutputStream()}) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
