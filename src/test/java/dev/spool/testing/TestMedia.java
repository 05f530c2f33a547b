package dev.spool.testing;

import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.probe.MediaProber;
import dev.spool.media.probe.ProbeResult;
import dev.spool.media.run.ProcessCapture;
import dev.spool.media.tools.MediaTools;
import dev.spool.media.tools.ToolLocator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Tiny real media files for tests, generated with ffmpeg's lavfi sources (at most 640x360 and 3 s).
 * Each file is generated once and kept under {@code target/test-media}: its name carries a hash of
 * the recipe, so a changed recipe makes a new file. Safe for test classes running concurrently
 * (one generation per file per JVM; written to a temporary name and moved atomically, so another
 * JVM never sees half a file). Treat the returned files as read-only; copy them to modify.
 */
public final class TestMedia {
    /** Where generated media lives. */
    public static final Path ROOT = Path.of("target", "test-media").toAbsolutePath();

    private static final ConcurrentMap<String, CompletableFuture<Path>> GENERATED = new ConcurrentHashMap<>();
    private static volatile MediaTools tools;

    private TestMedia() {
    }

    /** ffmpeg and ffprobe of this machine, located once. */
    public static MediaTools tools() {
        if (tools == null) {
            synchronized (TestMedia.class) {
                if (tools == null) {
                    tools = new ToolLocator().locate();
                }
            }
        }
        return tools;
    }

    /** Metadata of a file that must be readable (generated clips, test outputs); fails loudly otherwise. */
    public static MediaMetadata probe(Path file) {
        ProbeResult result = new MediaProber(tools()).probe(file);
        if (result instanceof ProbeResult.Probed probed) {
            return probed.metadata();
        }
        throw new AssertionError("expected readable media at " + file + " but got " + result);
    }

    // ---- valid clips -------------------------------------------------------------------------

    /** H.264 High 4:2:0 8-bit, long GOP (keyframe every 12, B-frames), 25 fps, 2 s, stereo AAC, MP4. */
    public static Path h264LongGop() {
        return clip("h264-long-gop.mp4", video("320x180", "25", 2),
                audio(2, 48000, 2), "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "12",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
    }

    /** ProRes 422 HQ (intra, 10-bit 4:2:2), 23.976 fps, 2 s, stereo PCM, MOV, no timecode. */
    public static Path proresIntra() {
        return clip("prores-hq.mov", video("320x180", "24000/1001", 2),
                audio(2, 48000, 2), "-c:v", "prores_ks", "-profile:v", "3", "-c:a", "pcm_s16le", "-shortest");
    }

    /** H.264 High 4:2:2 10-bit, 25 fps, 1 s, MOV. */
    public static Path tenBit422() {
        return clip("h264-10bit-422.mov", video("320x180", "25", 1), List.of(),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv422p10le", "-profile:v", "high422");
    }

    /** Interlaced H.264, top field first, 25 fps (50i), 1 s, MP4, no audio. */
    public static Path interlaced() {
        return clip("interlaced-tff.mp4", video("320x180", "25", 1), List.of(),
                "-vf", "setfield=tff", "-flags", "+ildct+ilme", "-c:v", "libx264", "-preset", "ultrafast",
                "-x264opts", "interlaced=1", "-pix_fmt", "yuv420p");
    }

    /** ProRes Proxy at 29.97 fps with drop-frame start timecode 01:00:00;00 and reel name A001, stereo, 2 s, MOV. */
    public static Path dropFrameTimecode2997() {
        return clip("tc-2997-df.mov", video("320x180", "30000/1001", 2), audio(2, 48000, 2),
                "-c:v", "prores_ks", "-profile:v", "0", "-c:a", "pcm_s16le", "-shortest",
                "-timecode", "01:00:00;00", "-metadata:s:v:0", "reel_name=A001");
    }

    /** Variable frame rate H.264: alternating half seconds at 30 fps and 10 fps; 2 s, MP4. */
    public static Path vfr() {
        return clip("vfr.mp4", video("320x180", "30", 2), List.of(),
                "-vf", "select='lt(mod(t,1),0.5)+not(mod(n,3))'", "-fps_mode", "vfr",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
    }

    /** H.264 video only, 25 fps, 2 s, MP4. */
    public static Path noAudio() {
        return clip("no-audio.mp4", video("320x180", "25", 2), List.of(),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
    }

    /** ProRes Proxy with three audio tracks: stereo 48 kHz, mono 48 kHz, mono 44.1 kHz; 25 fps, 2 s, MOV. */
    public static Path multiAudio() {
        List<String> inputs = new ArrayList<>(video("320x180", "25", 2));
        inputs.addAll(audio(2, 48000, 2));
        inputs.addAll(audio(1, 48000, 2));
        inputs.addAll(audio(1, 44100, 2));
        return clip("multi-audio.mov", inputs, List.of(),
                "-map", "0:v", "-map", "1:a", "-map", "2:a", "-map", "3:a",
                "-c:v", "prores_ks", "-profile:v", "0", "-c:a", "pcm_s16le", "-shortest");
    }

    /** A 3 s H.264 clip at 25 fps with a 640x360 frame and stereo audio: the "longest" test source. */
    public static Path threeSecond360p() {
        return clip("h264-360p-3s.mp4", video("640x360", "25", 3), audio(2, 48000, 3),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest");
    }

    /** A 64x32 semi-transparent PNG logo for overlay watermarks. */
    public static Path logoPng() {
        return generate("logo.png", List.of("-f", "lavfi", "-i", "color=c=red@0.8:s=64x32,format=rgba"),
                List.of("-frames:v", "1", "-update", "1"));
    }

    /** A 2 s mono 48 kHz WAV tone at about -30 LUFS (quiet on purpose, so loudness normalization shows). */
    public static Path toneWav() {
        return generate("tone.wav", List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=2"),
                List.of("-af", "volume=-27dB", "-c:a", "pcm_s16le"));
    }

    /**
     * Writes {@code count} PNG frames {@code <dir>/frames/frame_NNNNNN.png} (numbered from {@code start}) of
     * a moving test pattern; not cached, since tests remove or add frames.
     */
    public static Path frames(Path dir, int count, String size, int start) {
        try {
            Files.createDirectories(dir.resolve("frames"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = List.of(tools().ffmpeg().toString(), "-hide_banner", "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=s=" + size + ":r=10", "-frames:v", Integer.toString(count),
                "-start_number", Integer.toString(start), "-f", "image2",
                "file:" + dir.toAbsolutePath().resolve("frames").resolve("frame_%06d.png"));
        ProcessCapture.Result r = ProcessCapture.run(cmd, Duration.ofSeconds(60));
        if (!r.succeeded()) throw new IllegalStateException("could not write frames: " + String.join("\n", r.stderr()));
        return dir;
    }

    // ---- awkward names (copies of a valid clip) --------------------------------------------------

    /** A valid clip whose file name starts with '-' (would be an option if passed bare). */
    public static Path dashNamed() {
        return copyAs(noAudio(), "-dash start.mp4");
    }

    /** A valid clip whose name has spaces and non-ASCII letters. */
    public static Path unicodeSpacedName() {
        return copyAs(noAudio(), "Überprüfung clip ñ 東京 01.mp4");
    }

    /** A valid clip whose name carries shell metacharacters and a colon. */
    public static Path shellMetaName() {
        return copyAs(noAudio(), "a;b $(touch x) 'q' & c:d %03d.mp4");
    }

    // ---- bad inputs -----------------------------------------------------------------------------

    /** An empty file named like a clip. */
    public static Path zeroByte() {
        return write("zero-byte.mov", new byte[0]);
    }

    /** The first third of a valid MP4 whose index (moov) is at the end: like a copy cut short. */
    public static Path truncated() {
        try {
            byte[] full = Files.readAllBytes(h264LongGop());
            return write("truncated.mp4", java.util.Arrays.copyOf(full, full.length / 3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text file named {@code .mov}. */
    public static Path textAsMov() {
        return write("not-a-video.mov", "These are my notes, not a video.\n".getBytes(StandardCharsets.UTF_8));
    }

    /** An existing directory. */
    public static Path directory() {
        Path dir = ROOT.resolve("a-directory.mov");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A path where nothing exists. */
    public static Path missing() {
        return ROOT.resolve("does-not-exist.mov");
    }

    // ---- general factory ------------------------------------------------------------------------

    /**
     * Generates (once) a file from ffmpeg arguments: {@code inputs} are the input options and
     * {@code -i} arguments, {@code outputOptions} come before the output path.
     */
    public static Path generate(String name, List<String> inputs, List<String> outputOptions) {
        String recipe = String.join("\u0000", inputs) + "\u0001" + String.join("\u0000", outputOptions);
        String file = hashed(name, recipe);
        return once(file, () -> {
            String f = file;
            Path target = ROOT.resolve(f);
            if (Files.exists(target)) {
                return target;
            }
            createRoot();
            Path temp = ROOT.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + "-" + f);
            List<String> cmd = new ArrayList<>(List.of(tools().ffmpeg().toString(), "-hide_banner", "-nostdin", "-v", "error", "-y"));
            cmd.addAll(inputs);
            cmd.addAll(outputOptions);
            cmd.addAll(List.of("-f", muxer(name), "file:" + temp));
            ProcessCapture.Result r = ProcessCapture.run(cmd, Duration.ofSeconds(60));
            if (!r.succeeded()) {
                throw new IllegalStateException("could not generate " + name + ": " + String.join("\n", r.stderr()));
            }
            return moveIntoPlace(temp, target);
        });
    }

    private static Path clip(String name, List<String> inputs, List<String> moreInputs, String... outputOptions) {
        List<String> all = new ArrayList<>(inputs);
        all.addAll(moreInputs);
        return generate(name, all, List.of(outputOptions));
    }

    private static List<String> video(String size, String rate, int seconds) {
        return List.of("-f", "lavfi", "-i", "testsrc2=s=" + size + ":r=" + rate + ":d=" + seconds);
    }

    private static List<String> audio(int channels, int rate, int seconds) {
        String layout = channels == 1 ? "mono" : "stereo";
        return List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + rate + ":duration=" + seconds
                + ",aformat=channel_layouts=" + layout);
    }

    private static String muxer(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "mov" -> "mov";
            case "mp4" -> "mp4";
            case "mkv" -> "matroska";
            case "mxf" -> "mxf";
            case "png", "jpg" -> "image2";
            case "wav" -> "wav";
            default -> throw new IllegalArgumentException("no muxer for " + name);
        };
    }

    private static Path copyAs(Path source, String name) {
        return once("copy:" + name, () -> {
            Path target = ROOT.resolve(name);
            if (Files.exists(target)) {
                return target;
            }
            Path temp = ROOT.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + "-" + name);
            try {
                Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return moveIntoPlace(temp, target);
        });
    }

    private static Path write(String name, byte[] content) {
        return once("write:" + name, () -> {
            createRoot();
            Path target = ROOT.resolve(name);
            Path temp = ROOT.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId() + "-" + name);
            try {
                Files.write(temp, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return moveIntoPlace(temp, target);
        });
    }

    /** Runs {@code make} once per key per JVM; concurrent callers of the same key wait for the first. */
    private static Path once(String key, Supplier<Path> make) {
        CompletableFuture<Path> mine = new CompletableFuture<>();
        CompletableFuture<Path> existing = GENERATED.putIfAbsent(key, mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            mine.complete(make.get());
        } catch (RuntimeException e) {
            GENERATED.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    private static Path moveIntoPlace(Path temp, Path target) {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createRoot() {
        try {
            Files.createDirectories(ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hashed(String name, String recipe) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(recipe.getBytes(StandardCharsets.UTF_8));
            String h = HexFormat.of().formatHex(digest, 0, 4);
            int dot = name.lastIndexOf('.');
            return name.substring(0, dot) + "-" + h + name.substring(dot);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
