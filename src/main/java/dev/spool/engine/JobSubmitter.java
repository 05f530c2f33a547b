package dev.spool.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.domain.Job;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.PresetValidationException;
import dev.spool.preset.QueuePreset;
import dev.spool.preset.ResolvedPreset;
import dev.spool.store.JobStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Validates a {@link JobRequest} and creates the job: one {@code transcode} task per source file, in the
 * order given (folders expanded); a request with {@code tasks} is planned by
 * {@link dev.spool.operations.OperationJobPlanner} instead. Each task's spec carries the output folder and its source root (for
 * mirrored folder output); the preset is read from the job at run time so a rebind applies to every clip
 * that has not completed.
 */
public final class JobSubmitter {
    public static final String TRANSCODE = "transcode";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobStore store;
    private final Supplier<PresetRegistry> presets;
    private final List<Path> mediaRoots;

    /**
     * @param mediaRoots folders sources and outputs must lie in; empty allows any path (local CLI use)
     */
    public JobSubmitter(JobStore store, Supplier<PresetRegistry> presets, List<Path> mediaRoots) {
        this.store = store;
        this.presets = presets;
        this.mediaRoots = mediaRoots.stream().map(JobSubmitter::real).toList();
    }

    /** Creates the job; a non-null idempotency key makes a retried request return the first job. */
    public Job submit(JobRequest request, String idempotencyKey) {
        return store.createJob(plan(request), idempotencyKey);
    }

    public Job submit(JobRequest request) {
        return submit(request, null);
    }

    /** Everything {@link #submit} checks, without creating anything. */
    public NewJob plan(JobRequest request) {
        if (!request.tasks().isEmpty()) {
            return new dev.spool.operations.OperationJobPlanner(presets.get(), this::checkInsideRoots).plan(request);
        }
        boolean inline = !request.outputs().isEmpty();
        if (inline && request.presetId() != null) {
            throw new InvalidJobRequestException("preset", "give either a preset or inline outputs, not both");
        }
        if (!inline && (request.presetId() == null || request.presetId().isBlank())) {
            throw new InvalidJobRequestException("preset", "a preset (see 'spool presets list') or inline outputs are required");
        }
        String inlineDocument = inline ? InlineOutputs.document(request.outputs()) : null;
        ResolvedPreset preset;
        try {
            preset = inline ? InlineOutputs.check(presets.get(), inlineDocument).resolve(InlineOutputs.PRESET_ID)
                    : presets.get().resolve(request.presetId());
        } catch (PresetValidationException e) {
            throw new InvalidJobRequestException("preset", e.getMessage());
        }
        if (request.outputDir() == null || request.outputDir().isBlank()) {
            throw new InvalidJobRequestException("outputDir", "an output folder is required");
        }
        Path out = Path.of(request.outputDir()).toAbsolutePath().normalize();
        checkInsideRoots("outputDir", out);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InvalidJobRequestException("outputDir", "output folder " + out + " is a file, not a folder");
        }
        if (request.priority() != null && (request.priority() < -1000 || request.priority() > 1000)) {
            throw new InvalidJobRequestException("priority", "priority must be between -1000 and 1000");
        }
        if (request.maxAttempts() != null && (request.maxAttempts() < 1 || request.maxAttempts() > 100)) {
            throw new InvalidJobRequestException("maxAttempts", "maxAttempts must be between 1 and 100");
        }
        for (int i = 0; i < request.sources().size(); i++) {
            String s = request.sources().get(i);
            if (s != null && !s.isBlank()) checkInsideRoots("sources[" + i + "]", Path.of(s).toAbsolutePath().normalize());
        }
        List<SourceExpander.Source> sources = SourceExpander.expand(request.sources());

        List<NewTask> tasks = new ArrayList<>(sources.size());
        for (SourceExpander.Source s : sources) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("outputDir", out.toString());
            spec.put("sourceRoot", s.root().toString());
            tasks.add(new NewTask(TRANSCODE, s.file().toString(), json(spec), List.of()));
        }
        QueuePreset queue = preset.queue();
        RecoveryPolicy policy = request.recoveryPolicy() != null ? request.recoveryPolicy() : queue.recovery();
        int attempts = request.maxAttempts() != null ? request.maxAttempts() : queue.maxAttempts();
        int priority = request.priority() != null ? request.priority() : queue.priority();
        Map<String, Object> jobSpec = new LinkedHashMap<>();
        jobSpec.put("sources", request.sources());
        jobSpec.put("preset", preset.id());
        jobSpec.put("outputDir", out.toString());
        if (inline) jobSpec.put("inlinePresets", inlineDocument);
        String name = request.name() != null ? request.name()
                : (inline ? "inline outputs" : preset.id()) + " of " + sources.size() + " clip" + (sources.size() == 1 ? "" : "s");
        return new NewJob(name, priority, policy, attempts, preset.id(), out.toString(), json(jobSpec),
                request.start(), tasks);
    }

    private void checkInsideRoots(String field, Path path) {
        if (mediaRoots.isEmpty()) return;
        Path resolved = real(path);
        for (Path root : mediaRoots) {
            if (resolved.startsWith(root)) return;
        }
        throw new InvalidJobRequestException(field, path + " is outside the configured media roots " + mediaRoots);
    }

    /** The real path of the longest existing prefix, so symlinks and {@code ..} cannot escape a root. */
    public static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
