package dev.spool.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.domain.Job;
import dev.spool.domain.OutputSpec;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.media.command.OutputTarget;
import dev.spool.media.encoder.Transcoder;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.probe.MediaProber;
import dev.spool.media.probe.ProbeResult;
import dev.spool.media.run.CancelSignal;
import dev.spool.media.run.Progress;
import dev.spool.media.run.RunOptions;
import dev.spool.media.run.RunOutcome;
import dev.spool.preset.NamingVariable;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.PresetValidationException;
import dev.spool.preset.ResolvedPreset;
import dev.spool.preset.output.OutputPathPlanner;
import dev.spool.preset.output.PlannedOutput;
import dev.spool.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * 002's single-clip execution pipeline for one {@code transcode} task: pre-flight (source readable,
 * destination writable, free disk above the floor), preset resolution (the job's current preset, so a
 * rebind applies), probe, exclusions, output paths (naming and collision rules), one ffmpeg run for all
 * outputs (split filter), post-flight verification of every output, then an atomic publish. Outputs are
 * written under hidden temporary names next to their final paths; a stopped, failed or unverified attempt
 * removes them, and an attempt first removes leftovers of earlier attempts of the same task.
 */
public final class TranscodeExecutor implements TaskExecutor {
    private static final Logger log = LoggerFactory.getLogger(TranscodeExecutor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String TEMP_PREFIX = ".spool-tmp-";

    private final JobStore store;
    private final Supplier<PresetRegistry> presets;
    private final MediaProber prober;
    private final Transcoder transcoder;
    private final OutputVerifier verifier;
    private final long minFreeBytes;
    private final Duration stallTimeout;
    private final Clock clock;
    /** Registries of recent jobs with inline outputs; a few suffice since workers move through jobs in order. */
    private final Map<String, PresetRegistry> inlineRegistries = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PresetRegistry> eldest) {
            return size() > 32;
        }
    };

    public TranscodeExecutor(JobStore store, Supplier<PresetRegistry> presets, MediaProber prober, Transcoder transcoder,
                             long minFreeBytes, Duration stallTimeout, Clock clock) {
        this.store = store;
        this.presets = presets;
        this.prober = prober;
        this.transcoder = transcoder;
        this.verifier = new OutputVerifier(prober);
        this.minFreeBytes = minFreeBytes;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return JobSubmitter.TRANSCODE;
    }

    @Override
    public TaskOutcome execute(Task task, TaskContext ctx) throws IOException {
        long started = System.nanoTime();
        JsonNode spec = JSON.readTree(task.spec());
        Path source;
        try {
            source = TaskInputs.source(store, task, spec);
        } catch (TaskInputs.UnavailableInputException e) {
            return failed("input: " + e.getMessage());
        }
        Path outRoot = Path.of(spec.path("outputDir").asText());
        Path sourceRoot = spec.hasNonNull("sourceRoot") ? Path.of(spec.get("sourceRoot").asText()) : source.getParent();

        // pre-flight
        if (!Files.exists(source)) return failed("source not found: " + source);
        if (!Files.isRegularFile(source)) return failed("source is not a regular file: " + source);
        if (!Files.isReadable(source)) return failed("source is not readable (check permissions): " + source);
        try {
            Files.createDirectories(outRoot);
        } catch (IOException e) {
            return failed("cannot create output folder " + outRoot + ": " + e.getMessage());
        }
        if (!Files.isWritable(outRoot)) return failed("output folder is not writable: " + outRoot);
        long free = Files.getFileStore(outRoot).getUsableSpace();
        if (free < minFreeBytes) {
            return failed(String.format("only %d MB free on the output volume (%s), below the %d MB floor", free >> 20,
                    outRoot, minFreeBytes >> 20));
        }

        // preset: the job's current one
        Job job = store.getJob(task.jobId());
        ResolvedPreset preset;
        try {
            // a task of a multi-operation job names its own preset; otherwise the job's (rebind applies)
            preset = presetsFor(job).resolve(spec.hasNonNull("preset") ? spec.get("preset").asText() : job.presetId());
        } catch (PresetValidationException e) {
            return failed("preset: " + e.getMessage());
        }
        Optional<String> excluded = preset.exclusions().skipReason(source, null);
        if (excluded.isPresent()) return new TaskOutcome.Skipped(excluded.get());

        // probe
        ProbeResult probed = prober.probe(source);
        if (probed instanceof ProbeResult.Unreadable u) {
            return failed("source is not usable media (" + u.kind().name().toLowerCase().replace('_', ' ') + "): "
                    + u.message());
        }
        MediaMetadata meta = ((ProbeResult.Probed) probed).metadata();
        if (!meta.workflow().supported()) return failed("source not supported: " + meta.workflow().skipReason());
        Double duration = meta.time().durationSeconds();
        excluded = preset.exclusions().skipReason(source, duration);
        if (excluded.isPresent()) return new TaskOutcome.Skipped(excluded.get());

        // output paths
        List<PlannedOutput> planned;
        try {
            planned = OutputPathPlanner.plan(source, sourceRoot, namingValues(meta), preset, outRoot, Files::exists);
        } catch (RuntimeException e) {
            return failed("output path: " + e.getMessage());
        }
        List<Path> temps = new ArrayList<>();
        List<OutputTarget> targets = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            PlannedOutput p = planned.get(i);
            Path dir = p.path().getParent();
            Files.createDirectories(dir);
            removeLeftovers(dir, task.id());
            Path temp = dir.resolve(TEMP_PREFIX + task.id() + "-a" + task.attempt() + "-" + i + "-"
                    + p.path().getFileName());
            temps.add(temp);
            targets.add(new OutputTarget(p.output().spec(), temp, null, true));
        }

        // encode
        CancelSignal cancel = new CancelSignal();
        ctx.onStop(cancel::cancel);
        RunOptions options = (duration == null ? RunOptions.expecting(null)
                : RunOptions.expecting(Duration.ofMillis(Math.round(duration * 1000)))).withStallTimeout(stallTimeout);
        Transcoder.Result run;
        try {
            run = transcoder.transcode(meta, targets, options, progress -> ctx.progress(progressView(progress)), cancel);
        } catch (IllegalArgumentException e) {
            deleteAll(temps);
            return failed("cannot encode: " + e.getMessage());
        }
        if (ctx.stopRequested()) {
            deleteAll(temps);
            return failed("stopped: " + ctx.stopReason());
        }
        if (!(run.outcome() instanceof RunOutcome.Succeeded succeeded)) {
            deleteAll(temps);
            return failedRun(run.outcome(), run.warnings());
        }

        // post-flight verification, then publish
        List<Map<String, Object>> outputs = new ArrayList<>();
        List<OutputVerifier.Verified> facts = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            OutputSpec os = planned.get(i).output().spec();
            boolean expectAudio = os.audio() != null && !meta.audio().isEmpty();
            OutputVerifier.Result v = verifier.verify(temps.get(i), os, duration, expectAudio);
            if (v.failure() != null) {
                deleteAll(temps);
                return new TaskOutcome.Failed("verification failed: " + v.failure(), tail(succeeded.stderrTail()),
                        run.warnings());
            }
            facts.add(v.verified());
        }
        for (int i = 0; i < planned.size(); i++) {
            PlannedOutput p = planned.get(i);
            try {
                publish(temps.get(i), p.path(), p.replacesExisting());
            } catch (IOException e) {
                deleteAll(temps.subList(i, temps.size()));
                return failed("cannot publish " + p.path() + ": " + e.getMessage());
            }
            OutputVerifier.Verified f = facts.get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", p.output().spec().name());
            o.put("path", p.path().toString());
            o.put("sizeBytes", f.sizeBytes());
            o.put("container", p.output().spec().container());
            o.put("videoCodec", f.videoCodec());
            o.put("encoder", run.encoders().get(p.output().spec().name()));
            o.put("durationSeconds", f.durationSeconds());
            outputs.add(o);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("outputs", outputs);
        result.put("source", sourceView(meta));
        result.put("encoders", run.encoders());
        result.put("encodeSeconds", Math.round(seconds * 1000) / 1000.0);
        result.put("speed", duration == null || seconds <= 0 ? null : Math.round(duration / seconds * 100) / 100.0);
        return new TaskOutcome.Completed(JSON.writeValueAsString(result), run.warnings());
    }

    /** The registry for a job: the engine's, plus the job's inline outputs when it has them (cached per job). */
    private PresetRegistry presetsFor(Job job) {
        if (!job.spec().contains("\"inlinePresets\"")) return presets.get();
        synchronized (inlineRegistries) {
            return inlineRegistries.computeIfAbsent(job.id(), id -> InlineOutputs.registryFor(presets.get(), job.spec()));
        }
    }

    /**
     * Publishes a verified temporary file at its final path without ever exposing a partial file: a hard link
     * makes the final name appear atomically and fails if something took it meanwhile; replacing an existing
     * file (duplicates rule "overwrite") is an atomic rename.
     */
    public static void publish(Path temp, Path target, boolean replace) throws IOException {
        if (replace) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try {
            Files.createLink(target, temp);
            Files.delete(temp);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temp);
            throw new IOException("another file appeared at the output path while encoding; nothing was overwritten");
        } catch (UnsupportedOperationException | IOException e) {
            if (e instanceof IOException io && Files.exists(target)) throw io;
            // file systems without hard links: the rename is still atomic, the existence check is best effort
            if (Files.exists(target)) throw new IOException("output path already exists: " + target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Removes temporaries that earlier attempts of this task left in {@code dir} (killed workers). */
    static void removeLeftovers(Path dir, String taskId) {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, TEMP_PREFIX + taskId + "-*")) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
                log.info("removed leftover temporary {}", p);
            }
        } catch (IOException e) {
            log.warn("cannot clean leftovers in {}: {}", dir, e.getMessage());
        }
    }

    private Map<NamingVariable, String> namingValues(MediaMetadata m) {
        Map<NamingVariable, String> v = new EnumMap<>(NamingVariable.class);
        if (m.image().width() != null) v.put(NamingVariable.WIDTH, m.image().width().toString());
        if (m.image().height() != null) v.put(NamingVariable.HEIGHT, m.image().height().toString());
        if (m.time().frameRate() != null) {
            v.put(NamingVariable.FPS, String.format("%.3f", m.time().frameRate().toDouble())
                    .replaceAll("0+$", "").replaceAll("\\.$", ""));
        }
        if (m.time().startTimecode() != null) v.put(NamingVariable.TIMECODE, m.time().startTimecode());
        if (m.time().reelName() != null) v.put(NamingVariable.REEL, m.time().reelName());
        v.put(NamingVariable.DATE, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        return v;
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

    private static Map<String, Object> sourceView(MediaMetadata m) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("summary", m.assessment().summary());
        s.put("durationSeconds", m.time().durationSeconds());
        s.put("codec", m.codec().codec());
        s.put("width", m.image().width());
        s.put("height", m.image().height());
        s.put("frameRate", m.time().frameRate() == null ? null : m.time().frameRate().toString());
        s.put("startTimecode", m.time().startTimecode());
        s.put("audioTracks", m.audio().size());
        s.put("warnings", m.workflow().warnings());
        return s;
    }

    private static TaskOutcome failedRun(RunOutcome outcome, List<String> warnings) {
        if (outcome instanceof RunOutcome.Failed f) {
            return new TaskOutcome.Failed("ffmpeg failed: " + f.reason(), tail(f.stderrTail()), warnings);
        }
        if (outcome instanceof RunOutcome.Stalled s) {
            return new TaskOutcome.Failed("stalled: " + s.reason(), tail(s.stderrTail()), warnings);
        }
        if (outcome instanceof RunOutcome.Cancelled c) {
            return new TaskOutcome.Failed("stopped", tail(c.stderrTail()), warnings);
        }
        return new TaskOutcome.Failed("ffmpeg ended unexpectedly: " + outcome, null, warnings);
    }

    private static TaskOutcome failed(String reason) {
        return new TaskOutcome.Failed(reason, null, List.of());
    }

    private static String tail(List<String> lines) {
        return lines == null || lines.isEmpty() ? null : String.join("\n", lines);
    }

    private static void deleteAll(List<Path> paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("cannot remove temporary {}: {}", p, e.getMessage());
            }
        }
    }
}
