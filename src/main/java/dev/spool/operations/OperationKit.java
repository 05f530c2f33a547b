package dev.spool.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.domain.OutputSpec.Family;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.engine.TaskContext;
import dev.spool.engine.TaskInputs;
import dev.spool.engine.TranscodeExecutor;
import dev.spool.media.command.Accelerator;
import dev.spool.media.command.DeliveryEncoding;
import dev.spool.media.encoder.EncoderSelector;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.probe.MediaProber;
import dev.spool.media.probe.ProbeResult;
import dev.spool.media.run.FfmpegRunner;
import dev.spool.media.run.Progress;
import dev.spool.media.run.ProcessCapture;
import dev.spool.media.run.RunHandle;
import dev.spool.media.run.RunOptions;
import dev.spool.media.run.RunOutcome;
import dev.spool.media.tools.FileArgument;
import dev.spool.media.tools.MediaTools;
import dev.spool.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What every operation executor shares, following {@link TranscodeExecutor}'s rules: pre-flight of the
 * output folder, hidden temporary names next to the final path ({@code .spool-tmp-<task>-a<attempt>-...}),
 * removal of earlier attempts' leftovers, FFmpeg runs that stop with the task, encoder choice with a CPU
 * fallback when a hardware encoder fails, probing, atomic publish and the result JSON the API and reports
 * read ({@code {"outputs":[{"name","path","sizeBytes","container","encoder","durationSeconds"}], ...}}).
 */
public final class OperationKit {
    private static final Logger log = LoggerFactory.getLogger(OperationKit.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final JobStore store;
    private final MediaTools tools;
    private final MediaProber prober;
    private final EncoderSelector selector;
    private final FfmpegRunner runner;
    private final long minFreeBytes;
    private final Duration stallTimeout;

    public OperationKit(JobStore store, MediaTools tools, MediaProber prober, EncoderSelector selector, FfmpegRunner runner,
                        long minFreeBytes, Duration stallTimeout) {
        this.store = store;
        this.tools = tools;
        this.prober = prober;
        this.selector = selector;
        this.runner = runner;
        this.minFreeBytes = minFreeBytes;
        this.stallTimeout = stallTimeout;
    }

    /** An outcome that ends the task early: returned by executors as is. */
    static final class Stop extends Exception {
        final transient TaskOutcome outcome;

        Stop(TaskOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }

        static Stop failed(String reason) {
            return new Stop(new TaskOutcome.Failed(reason, null, List.of()));
        }
    }

    MediaTools tools() {
        return tools;
    }

    JsonNode spec(Task task) throws IOException {
        return JSON.readTree(task.spec());
    }

    /** The input a spec field names: a path or another task's output; must be a readable file. */
    Path input(Task task, JsonNode ref, String what) throws Stop {
        Path p;
        try {
            p = TaskInputs.resolve(store, task, ref);
        } catch (TaskInputs.UnavailableInputException e) {
            throw Stop.failed(what + ": " + e.getMessage());
        }
        if (!Files.isRegularFile(p)) throw Stop.failed(what + " not found: " + p);
        if (!Files.isReadable(p)) throw Stop.failed(what + " is not readable (check permissions): " + p);
        return p;
    }

    /** The final path of the task's output (output folder + name), after checking the folder. */
    Path finalPath(JsonNode spec) throws Stop {
        Path dir = Path.of(spec.path("outputDir").asText());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Stop.failed("cannot create output folder " + dir + ": " + e.getMessage());
        }
        if (!Files.isWritable(dir)) throw Stop.failed("output folder is not writable: " + dir);
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < minFreeBytes) {
                throw Stop.failed(String.format("only %d MB free on the output volume (%s), below the %d MB floor",
                        free >> 20, dir, minFreeBytes >> 20));
            }
        } catch (IOException e) {
            throw Stop.failed("cannot read free space of " + dir + ": " + e.getMessage());
        }
        Path target = dir.resolve(spec.path("output").asText());
        if (Files.exists(target)) {
            throw Stop.failed("output already exists: " + target + " (Spool never overwrites; remove it or choose another name)");
        }
        return target;
    }

    /** A temporary sibling of {@code target} for this attempt; earlier attempts' leftovers are removed first. */
    Path temp(Path target, Task task) {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(target.getParent(),
                TranscodeExecutor.TEMP_PREFIX + task.id() + "-*")) {
            for (Path p : leftovers) {
                delete(p);
                log.info("removed leftover temporary {}", p);
            }
        } catch (IOException e) {
            log.warn("cannot clean leftovers in {}: {}", target.getParent(), e.getMessage());
        }
        return target.resolveSibling(TranscodeExecutor.TEMP_PREFIX + task.id() + "-a" + task.attempt() + "-"
                + target.getFileName());
    }

    /** Publishes a verified temporary file or folder under its final name, atomically, never overwriting. */
    void publish(Path temp, Path target) throws Stop {
        try {
            if (Files.isDirectory(temp)) {
                if (Files.exists(target)) throw new IOException("output path already exists: " + target);
                Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } else {
                TranscodeExecutor.publish(temp, target, false);
            }
        } catch (IOException e) {
            delete(temp);
            throw Stop.failed("cannot publish " + target + ": " + e.getMessage());
        }
    }

    /** Probes a file that must be media. */
    MediaMetadata probe(Path file, String what) throws Stop {
        ProbeResult r = prober.probe(file);
        if (r instanceof ProbeResult.Unreadable u) {
            throw Stop.failed(what + " is not usable media (" + u.kind().name().toLowerCase().replace('_', ' ') + "): "
                    + u.message());
        }
        return ((ProbeResult.Probed) r).metadata();
    }

    /** Video stream facts an operation verifies exactly: frames, size and rate. */
    record StreamFacts(long frames, int width, int height, String frameRate) {
    }

    /** Counts the video packets of {@code file} (one per frame for the codecs Spool writes). */
    StreamFacts videoFacts(Path file) throws Stop {
        ProcessCapture.Result r = ProcessCapture.run(List.of(tools.ffprobe().toString(), "-v", "error",
                "-select_streams", "v:0", "-count_packets", "-show_entries",
                "stream=nb_read_packets,width,height,r_frame_rate", "-of", "json", FileArgument.of(file)),
                Duration.ofMinutes(5));
        if (!r.succeeded()) throw Stop.failed("cannot count frames of " + file.getFileName() + ": " + String.join(" ", r.stderr()));
        try {
            JsonNode s = JSON.readTree(r.stdout()).path("streams").path(0);
            if (s.isMissingNode()) throw Stop.failed("output " + file.getFileName() + " has no video stream");
            return new StreamFacts(s.path("nb_read_packets").asLong(-1), s.path("width").asInt(), s.path("height").asInt(),
                    s.path("r_frame_rate").asText());
        } catch (JsonProcessingException e) {
            throw Stop.failed("cannot read ffprobe's answer for " + file.getFileName());
        }
    }

    /** What an encoding run did: the outcome, the encoder that produced the output, fallback warnings. */
    record Encoded(RunOutcome outcome, String encoder, List<String> warnings) {
    }

    /**
     * Runs the command {@code commandFor(encoder)} with the best encoder of {@code family} here (hardware when
     * it works, else CPU); when a hardware encoder fails the run is repeated once with the CPU encoder.
     */
    Encoded encode(Family family, Function<String, List<String>> commandFor, Path temp, Double expectedSeconds,
                   TaskContext ctx) throws Stop {
        String chosen = selector.choose(family).filter(DeliveryEncoding::supports)
                .or(() -> selector.cpuEncoder(family))
                .orElseThrow(() -> Stop.failed("no working " + family + " encoder on this machine (see spool encoders)"));
        RunOutcome outcome = run(commandFor.apply(chosen), expectedSeconds, ctx);
        if (outcome instanceof RunOutcome.Succeeded || !Accelerator.of(chosen).isHardware() || ctx.stopRequested()) {
            if (outcome instanceof RunOutcome.Succeeded && Accelerator.of(chosen).isHardware()) selector.recordSuccess(chosen);
            return new Encoded(outcome, chosen, List.of());
        }
        selector.recordFailure(chosen);
        String cpu = selector.cpuEncoder(family).orElseThrow(() -> Stop.failed("hardware encoder " + chosen
                + " failed and no CPU encoder works for " + family));
        delete(temp);
        String why = outcome instanceof RunOutcome.Failed f ? f.reason() : outcome.getClass().getSimpleName();
        log.warn("hardware encoder {} failed ({}); falling back to {}", chosen, why, cpu);
        RunOutcome second = run(commandFor.apply(cpu), expectedSeconds, ctx);
        return new Encoded(second, cpu, List.of("hardware encoder " + chosen + " failed (" + why + "); fell back to " + cpu));
    }

    /** Runs one FFmpeg command, reporting progress and stopping it when the task must stop. */
    RunOutcome run(List<String> command, Double expectedSeconds, TaskContext ctx) {
        RunOptions options = RunOptions.expecting(FfmpegRunner.seconds(expectedSeconds)).withStallTimeout(stallTimeout);
        RunHandle handle = runner.start(command, options, p -> ctx.progress(progressView(p)));
        ctx.onStop(handle::cancel);
        if (ctx.stopRequested()) handle.cancel();
        return handle.await();
    }

    /** Throws the failure for an unsuccessful run (removing {@code temp} unless null); returns when it succeeded. */
    void requireSuccess(RunOutcome outcome, Path temp, TaskContext ctx, List<String> warnings) throws Stop {
        if (outcome instanceof RunOutcome.Succeeded) return;
        if (temp != null) delete(temp);
        if (ctx.stopRequested()) throw new Stop(new TaskOutcome.Failed("stopped: " + ctx.stopReason(), null, warnings));
        String tail = String.join("\n", outcome.stderrTail());
        String reason = outcome instanceof RunOutcome.Failed f ? "ffmpeg failed: " + f.reason()
                : outcome instanceof RunOutcome.Stalled s ? s.reason()
                : outcome instanceof RunOutcome.Cancelled ? "stopped" : "ffmpeg ended unexpectedly";
        throw new Stop(new TaskOutcome.Failed(reason, tail.isEmpty() ? null : tail, warnings));
    }

    /** Fails verification: removes the temporary output and stops with the reason. */
    Stop unverified(Path temp, String reason, List<String> warnings) {
        delete(temp);
        return new Stop(new TaskOutcome.Failed("verification failed: " + reason, null, warnings));
    }

    static Map<String, Object> output(String name, Path path, long size, String container, String encoder, Double seconds) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", name);
        o.put("path", path.toString());
        o.put("sizeBytes", size);
        o.put("container", container);
        o.put("encoder", encoder);
        o.put("durationSeconds", seconds == null ? null : Math.round(seconds * 1000) / 1000.0);
        return o;
    }

    static TaskOutcome completed(List<Map<String, Object>> outputs, Map<String, Object> details, List<String> warnings) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outputs", outputs);
        result.putAll(details);
        try {
            return new TaskOutcome.Completed(JSON.writeValueAsString(result), warnings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String container(Path output) {
        String name = output.getFileName().toString().toLowerCase();
        if (name.endsWith(".mov")) return "mov";
        if (name.endsWith(".mkv")) return "matroska";
        return "mp4";
    }

    static Family family(JsonNode spec) {
        return switch (spec.path("codec").asText("h264")) {
            case "hevc" -> Family.HEVC;
            case "av1" -> Family.AV1;
            default -> Family.H264;
        };
    }

    private static Map<String, Object> progressView(Progress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("percent", p.percent() == null ? null : Math.round(p.percent() * 10) / 10.0);
        m.put("fps", p.fps());
        m.put("speed", p.speed());
        m.put("frame", p.frame());
        m.put("outTimeSeconds", p.outTime() == null ? null : p.outTime().toMillis() / 1000.0);
        m.put("etaSeconds", p.eta() == null ? null : p.eta().toSeconds());
        return m;
    }

    static void delete(Path p) {
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
                }
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.warn("cannot remove temporary {}: {}", p, e.getMessage());
        }
    }

    static List<String> plus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
