package dev.spool.media.encoder;

import dev.spool.domain.OutputSpec.Family;
import dev.spool.media.command.Accelerator;
import dev.spool.media.command.FfmpegCommandBuilder;
import dev.spool.media.run.ProcessCapture;
import dev.spool.media.run.StderrDiagnosis;
import dev.spool.media.tools.MediaTools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds out which encoders really work on this machine. {@code ffmpeg -encoders} only says what was
 * compiled in (Debian's ffmpeg lists {@code h264_nvenc} on machines without an NVIDIA GPU), so every
 * listed candidate gets a one-frame trial encode of a tiny lavfi picture to the null muxer. Trials
 * run in parallel with bounded concurrency; results are cached in memory per (ffmpeg path, version)
 * until {@link #forget} is called.
 */
public final class EncoderDetector {
    /** Default limit for one trial; a working encoder needs well under a second. */
    public static final Duration DEFAULT_TRIAL_TIMEOUT = Duration.ofSeconds(15);

    private static final Map<String, CompletableFuture<Detection>> CACHE = new ConcurrentHashMap<>();

    private final MediaTools tools;
    private final int parallelism;
    private final Duration trialTimeout;

    /**
     * What detection found: everything {@code -encoders} lists (name to codec) and the status of every
     * catalogue candidate.
     */
    public record Detection(Map<String, String> listed, Map<String, EncoderStatus> candidates) {
        public Detection {
            listed = Map.copyOf(listed);
            candidates = Map.copyOf(candidates);
        }
    }

    public EncoderDetector(MediaTools tools) {
        this(tools, Math.max(2, Runtime.getRuntime().availableProcessors()), DEFAULT_TRIAL_TIMEOUT);
    }

    public EncoderDetector(MediaTools tools, int parallelism, Duration trialTimeout) {
        this.tools = tools;
        this.parallelism = parallelism;
        this.trialTimeout = trialTimeout;
    }

    /** Detection for this ffmpeg, from the cache when it was done before in this JVM. */
    public Detection detect() {
        CompletableFuture<Detection> mine = new CompletableFuture<>();
        CompletableFuture<Detection> existing = CACHE.putIfAbsent(cacheKey(), mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            mine.complete(detectNow());
        } catch (RuntimeException e) {
            CACHE.remove(cacheKey(), mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** Drops the cached detection for this ffmpeg, so the next {@link #detect} probes again. */
    public void forget() {
        CACHE.remove(cacheKey());
    }

    /** The trial: encode one black 256x144 frame with {@code encoder} and throw it away. */
    public static List<String> trialCommand(java.nio.file.Path ffmpeg, String encoder) {
        List<String> a = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-nostats",
                "-loglevel", "error"));
        Accelerator accel = Accelerator.of(encoder);
        if (accel == Accelerator.VAAPI) {
            a.addAll(List.of("-vaapi_device", FfmpegCommandBuilder.VAAPI_DEVICE));
        }
        a.addAll(List.of("-f", "lavfi", "-i", "color=c=black:s=256x144:r=25:d=1", "-frames:v", "1"));
        if (accel == Accelerator.VAAPI) {
            a.addAll(List.of("-vf", "format=nv12,hwupload"));
        }
        a.addAll(List.of("-c:v", encoder));
        switch (encoder) {
            case "prores_ks" -> a.addAll(List.of("-pix_fmt", "yuv422p10le"));
            case "dnxhd" -> a.addAll(List.of("-profile:v", "dnxhr_lb", "-pix_fmt", "yuv422p"));
            case "libaom-av1" -> a.addAll(List.of("-cpu-used", "8"));
            default -> {
                // encoder defaults are what we test
            }
        }
        a.addAll(List.of("-f", "null", "-"));
        return a;
    }

    private String cacheKey() {
        return tools.ffmpeg() + "\u0000" + tools.ffmpegVersion().raw();
    }

    private Detection detectNow() {
        ProcessCapture.Result listing = ProcessCapture.run(
                List.of(tools.ffmpeg().toString(), "-hide_banner", "-nostdin", "-encoders"), trialTimeout);
        Map<String, String> listed = EncoderListing.videoEncoders(listing.stdout());
        Map<String, EncoderStatus> statuses = new LinkedHashMap<>();
        List<String> toTry = new ArrayList<>();
        for (Family family : Family.values()) {
            for (String candidate : EncoderCatalog.candidates(family)) {
                if (listed.containsKey(candidate)) {
                    toTry.add(candidate);
                } else {
                    statuses.put(candidate, EncoderStatus.notListed(candidate));
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, toTry.size())), r -> {
            Thread t = new Thread(r, "spool-encoder-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<EncoderStatus>> trials = new LinkedHashMap<>();
            for (String encoder : toTry) {
                trials.put(encoder, pool.submit(() -> trial(encoder)));
            }
            for (Map.Entry<String, Future<EncoderStatus>> e : trials.entrySet()) {
                statuses.put(e.getKey(), e.getValue().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during encoder detection", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("encoder trial failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Detection(listed, statuses);
    }

    private EncoderStatus trial(String encoder) {
        ProcessCapture.Result r = ProcessCapture.run(trialCommand(tools.ffmpeg(), encoder), trialTimeout);
        if (r.succeeded()) {
            return new EncoderStatus(encoder, Accelerator.of(encoder), true, true, null);
        }
        String reason = r.timedOut() ? "trial encode did not finish within " + trialTimeout.toSeconds() + " s"
                : StderrDiagnosis.meaningfulLine(r.stderr());
        return new EncoderStatus(encoder, Accelerator.of(encoder), true, false,
                reason == null ? "trial encode failed with exit code " + r.exitCode() : reason);
    }
}
