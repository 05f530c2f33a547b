package dev.spool.media.probe;

import dev.spool.media.run.ProcessCapture;
import dev.spool.media.run.StderrDiagnosis;
import dev.spool.media.tools.FileArgument;
import dev.spool.media.tools.MediaTools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads media metadata with ffprobe (002's {@code extract_metadata}). Never throws for a bad input:
 * missing, empty, damaged or non-media paths come back as {@link ProbeResult.Unreadable}. Results are
 * cached by (path, size, mtime). Thread-safe; share one instance.
 */
public final class MediaProber {
    /** Default limit for one ffprobe run; a probe reads headers and ~120 packets, normally well under a second. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Packets read to judge VFR and GOP structure. */
    static final int PACKETS_READ = 120;

    private final MediaTools tools;
    private final ProbeCache cache;
    private final Duration timeout;

    public MediaProber(MediaTools tools) {
        this(tools, new ProbeCache(), DEFAULT_TIMEOUT);
    }

    public MediaProber(MediaTools tools, ProbeCache cache, Duration timeout) {
        this.tools = tools;
        this.cache = cache;
        this.timeout = timeout;
    }

    /**
     * The ffprobe command for one file. The input is passed as {@code file:} plus the absolute path,
     * so no name (one starting with '-', containing ':' or shell characters) is read as an option or
     * a protocol.
     */
    public static List<String> command(Path ffprobe, Path file) {
        return List.of(ffprobe.toString(), "-hide_banner", "-v", "error",
                "-read_intervals", "%+#" + PACKETS_READ,
                "-show_entries", "packet=stream_index,pts,flags",
                "-show_format", "-show_streams",
                "-print_format", "json",
                FileArgument.of(file));
    }

    /** Probes one path. */
    public ProbeResult probe(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            return new ProbeResult.Unreadable(path, ProbeResult.Kind.MISSING, "no such file: " + path);
        }
        if (Files.isDirectory(absolute)) {
            return new ProbeResult.Unreadable(path, ProbeResult.Kind.DIRECTORY, "is a directory, not a media file: " + path);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
        } catch (IOException e) {
            return new ProbeResult.Unreadable(path, ProbeResult.Kind.NOT_READABLE, "cannot read " + path + ": " + e.getMessage());
        }
        if (!attributes.isRegularFile() || !Files.isReadable(absolute)) {
            return new ProbeResult.Unreadable(path, ProbeResult.Kind.NOT_READABLE,
                    (attributes.isRegularFile() ? "permission denied: " : "not a regular file: ") + path);
        }
        if (attributes.size() == 0) {
            return new ProbeResult.Unreadable(path, ProbeResult.Kind.EMPTY, "file is empty (0 bytes): " + path);
        }
        ProbeCache.Key key = new ProbeCache.Key(absolute, attributes.size(), attributes.lastModifiedTime().toInstant());
        return cache.get(key)
                .<ProbeResult>map(m -> new ProbeResult.Probed(path, m))
                .orElseGet(() -> runFfprobe(path, key));
    }

    /** Probes several paths with at most {@code parallelism} ffprobe processes at once; results in input order. */
    public List<ProbeResult> probeAll(List<Path> paths, int parallelism) {
        if (paths.size() <= 1 || parallelism <= 1) {
            return paths.stream().map(this::probe).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, paths.size()));
        try {
            List<Future<ProbeResult>> futures = new ArrayList<>();
            for (Path p : paths) {
                futures.add(pool.submit(() -> probe(p)));
            }
            List<ProbeResult> results = new ArrayList<>();
            for (Future<ProbeResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("probe failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public ProbeCache cache() {
        return cache;
    }

    private ProbeResult runFfprobe(Path path, ProbeCache.Key key) {
        Path absolute = key.absolutePath();
        ProcessCapture.Result result;
        try {
            result = ProcessCapture.run(command(tools.ffprobe(), absolute), timeout);
        } catch (UncheckedIOException e) {
            return new ProbeResult.Unreadable(path, ProbeResult.Kind.PROBE_FAILED, e.getMessage());
        }
        if (result.timedOut()) {
            return new ProbeResult.Unreadable(path, ProbeResult.Kind.PROBE_FAILED,
                    "ffprobe did not finish within " + timeout.toSeconds() + " s");
        }
        if (result.exitCode() != 0) {
            String reason = StderrDiagnosis.meaningfulLine(result.stderr());
            reason = reason == null ? "ffprobe exited with code " + result.exitCode()
                    : reason.replace(FileArgument.of(absolute) + ": ", "");
            return looksLikeMedia(absolute)
                    ? new ProbeResult.Unreadable(path, ProbeResult.Kind.DAMAGED,
                    "damaged or incomplete (truncated, or still being written): " + reason)
                    : new ProbeResult.Unreadable(path, ProbeResult.Kind.NOT_MEDIA, "not a media file ffprobe can read: " + reason);
        }
        MediaMetadata.Identity identity = new MediaMetadata.Identity(absolute,
                absolute.getFileName().toString(), absolute.getParent(), key.size(), key.modified());
        MediaMetadata metadata;
        try {
            metadata = FfprobeReader.read(identity, result.stdout());
        } catch (UncheckedIOException e) {
            return new ProbeResult.Unreadable(path, ProbeResult.Kind.PROBE_FAILED, e.getMessage());
        }
        cache.put(key, metadata);
        return new ProbeResult.Probed(path, metadata);
    }

    /** Whether the file starts like a container we know: then a failure means damage, not a wrong file type. */
    static boolean looksLikeMedia(Path file) {
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        if (n < 8) {
            return false;
        }
        String box = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
        if (List.of("ftyp", "moov", "mdat", "wide", "free", "skip", "pnot").contains(box)) {
            return true;
        }
        String magic = new String(head, 0, 4, StandardCharsets.ISO_8859_1);
        return Arrays.equals(Arrays.copyOf(head, 4), new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})
                || Arrays.equals(Arrays.copyOf(head, 4), new byte[] {0x06, 0x0E, 0x2B, 0x34})
                || Arrays.equals(Arrays.copyOf(head, 4), new byte[] {0x00, 0x00, 0x01, (byte) 0xBA})
                || head[0] == 0x47
                || List.of("RIFF", "OggS").contains(magic) || magic.startsWith("FLV");
    }
}
