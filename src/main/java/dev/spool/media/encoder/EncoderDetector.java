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
 * until {@link #forget} is called and, when a cache file is given, on disk for {@link #DISK_CACHE_TTL}
 * keyed by the ffmpeg binary's path, version, size and mtime, so a one-shot {@code spool run} does not
 * pay ~15 trial encodes every time. {@code spool encoders} detects afresh and rewrites the file.
 */
public final class EncoderDetector {
    /** Default limit for one trial; a working encoder needs well under a second. */
    public static final Duration DEFAULT_TRIAL_TIMEOUT = Duration.ofSeconds(15);

    private static final Map<String, CompletableFuture<Detection>> CACHE = new ConcurrentHashMap<>();

    /** How long a detection stored on disk is trusted (drivers and devices change rarely). */
    public static final Duration DISK_CACHE_TTL = Duration.ofHours(24);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final MediaTools tools;
    private final int parallelism;
    private final Duration trialTimeout;
    private java.nio.file.Path cacheFile;

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

    /** Also keep detections in {@code file} (created with its folder when missing); returns this detector. */
    public EncoderDetector withDiskCache(java.nio.file.Path file) {
        this.cacheFile = file;
        return this;
    }

    /** Detection for this ffmpeg, from the cache when it was done before in this JVM. */
    public Detection detect() {
        CompletableFuture<Detection> mine = new CompletableFuture<>();
        CompletableFuture<Detection> existing = CACHE.putIfAbsent(cacheKey(), mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            Detection stored = readDiskCache();
            Detection detection = stored != null ? stored : detectNow();
            if (stored == null) writeDiskCache(detection);
            mine.complete(detection);
        } catch (RuntimeException e) {
            CACHE.remove(cacheKey(), mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    /** Drops the cached detection for this ffmpeg (memory and disk), so the next {@link #detect} probes again. */
    public void forget() {
        CACHE.remove(cacheKey());
        if (cacheFile != null) {
            try {
                java.nio.file.Files.deleteIfExists(cacheFile);
            } catch (java.io.IOException ignored) {
                // a stale file is re-checked against its key anyway
            }
        }
    }

    /**
     * Deletes the disk cache, so the next process (and this one, unless it already detected in memory)
     * trial-encodes afresh: what {@code spool encoders} does, since a driver may have been installed.
     */
    public void forgetOnDisk() {
        if (cacheFile == null) return;
        try {
            java.nio.file.Files.deleteIfExists(cacheFile);
        } catch (java.io.IOException ignored) {
            // a stale file is re-checked against its key anyway
        }
    }

    /** Drops only the in-memory detection (tests: a later {@link #detect} then reads the disk cache). */
    void forgetInMemory() {
        CACHE.remove(cacheKey());
    }

    /** What is stored on disk: the detection and what it is valid for. */
    record Stored(String key, long detectedAtEpochMs, Detection detection) {
    }

    private String diskKey() {
        try {
            var attrs = java.nio.file.Files.readAttributes(tools.ffmpeg().toRealPath(),
                    java.nio.file.attribute.BasicFileAttributes.class);
            return tools.ffmpeg() + "|" + tools.ffmpegVersion().raw() + "|" + attrs.size() + "|"
                    + attrs.lastModifiedTime().toMillis();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private Detection readDiskCache() {
        if (cacheFile == null || !java.nio.file.Files.isRegularFile(cacheFile)) return null;
        try {
            Stored s = JSON.readValue(cacheFile.toFile(), Stored.class);
            long age = System.currentTimeMillis() - s.detectedAtEpochMs();
            if (s.key() == null || !s.key().equals(diskKey()) || age < 0 || age > DISK_CACHE_TTL.toMillis()) return null;
            return s.detection();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private void writeDiskCache(Detection detection) {
        String key = diskKey();
        if (cacheFile == null || key == null) return;
        try {
            java.nio.file.Files.createDirectories(cacheFile.toAbsolutePath().getParent());
            java.nio.file.Path temp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            JSON.writeValue(temp.toFile(), new Stored(key, System.currentTimeMillis(), detection));
            java.nio.file.Files.move(temp, cacheFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            // a cache that cannot be written only costs the next process a detection
        }
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
