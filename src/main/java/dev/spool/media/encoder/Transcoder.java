package dev.spool.media.encoder;

import dev.spool.domain.OutputSpec;
import dev.spool.media.command.Accelerator;
import dev.spool.media.command.FfmpegCommandBuilder;
import dev.spool.media.command.OutputTarget;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.run.CancelSignal;
import dev.spool.media.run.FfmpegRunner;
import dev.spool.media.run.Progress;
import dev.spool.media.run.RunHandle;
import dev.spool.media.run.RunOptions;
import dev.spool.media.run.RunOutcome;
import dev.spool.media.tools.MediaTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Renders one source to its outputs in one FFmpeg run, choosing encoders and falling back to the CPU
 * when a hardware encoder fails: the engine's entry point to the media layer for a transcode.
 *
 * <p>When a run that used a hardware encoder fails, each hardware encoder used is reported to the
 * {@link EncoderSelector} (repeated failures disable its device), the partial files of that run are
 * deleted (only files that did not exist before), and the run is repeated once with the CPU
 * encoders, with a warning such as "hardware encoder h264_nvenc failed (Cannot load libcuda.so.1);
 * fell back to libx264". A failure not caused by the hardware then fails the CPU run too, and that
 * outcome is returned.
 */
public final class Transcoder {
    private final MediaTools tools;
    private final EncoderSelector selector;
    private final FfmpegRunner runner;
    private final HardwareSessions sessions;

    /** A transcoder whose hardware encodes are not bounded (tools, tests). */
    public Transcoder(MediaTools tools, EncoderSelector selector, FfmpegRunner runner) {
        this(tools, selector, runner, null);
    }

    /**
     * @param sessions bound on concurrent hardware sessions; a run that finds none free uses the CPU encoder.
     *                 Null means unbounded.
     */
    public Transcoder(MediaTools tools, EncoderSelector selector, FfmpegRunner runner, HardwareSessions sessions) {
        this.tools = tools;
        this.selector = selector;
        this.runner = runner;
        this.sessions = sessions;
    }

    /**
     * What a transcode did.
     *
     * @param outcome  the outcome of the last run
     * @param encoders output name to the video encoder that produced it (outputs without video are absent)
     * @param warnings fallbacks and other non-fatal events, for the task report
     */
    public record Result(RunOutcome outcome, Map<String, String> encoders, List<String> warnings) {
        public boolean succeeded() {
            return outcome instanceof RunOutcome.Succeeded;
        }
    }

    /**
     * Runs the transcode, blocking until it ends.
     *
     * @param outputs  targets; a null {@link OutputTarget#videoEncoder()} lets the selector choose (a
     *                 spec's {@code video.encoder} forces one)
     * @param cancel   cancel request from the caller; may be null
     * @throws IllegalArgumentException when a family has no working encoder at all, or the outputs are invalid
     */
    public Result transcode(MediaMetadata source, List<OutputTarget> outputs, RunOptions options,
                            Consumer<Progress> listener, CancelSignal cancel) {
        List<Accelerator> held = new ArrayList<>();
        try {
            List<OutputTarget> targets = withSessions(outputs.stream().map(this::withEncoder).toList(), held);
            return transcodeWith(source, outputs, targets, options, listener, cancel);
        } finally {
            for (Accelerator a : held) sessions.release(a);
        }
    }

    /** Each hardware encode takes a session; without a free one that output uses the CPU encoder this time. */
    private List<OutputTarget> withSessions(List<OutputTarget> targets, List<Accelerator> held) {
        if (sessions == null) return targets;
        List<OutputTarget> out = new ArrayList<>(targets.size());
        for (OutputTarget t : targets) {
            Accelerator accel = encodesVideo(t) ? Accelerator.of(t.videoEncoder()) : Accelerator.CPU;
            if (!accel.isHardware() || t.spec().video().encoder() != null) {
                out.add(t);
            } else if (sessions.tryAcquire(accel)) {
                held.add(accel);
                out.add(t);
            } else {
                out.add(selector.cpuEncoder(t.spec().video().family()).map(t::withEncoder).orElse(t));
            }
        }
        return out;
    }

    private Result transcodeWith(MediaMetadata source, List<OutputTarget> outputs, List<OutputTarget> targets,
                                 RunOptions options, Consumer<Progress> listener, CancelSignal cancel) {
        Set<Path> existedBefore = outputs.stream().map(OutputTarget::path).filter(Files::exists).collect(Collectors.toSet());

        RunOutcome first = run(source, targets, options, listener, cancel);
        List<String> hardware = targets.stream().filter(Transcoder::encodesVideo).map(OutputTarget::videoEncoder)
                .filter(e -> Accelerator.of(e).isHardware()).distinct().toList();
        if (first instanceof RunOutcome.Succeeded) {
            hardware.forEach(selector::recordSuccess);
            return new Result(first, encoders(targets), List.of());
        }
        if (!(first instanceof RunOutcome.Failed failed) || hardware.isEmpty()) {
            return new Result(first, encoders(targets), List.of());
        }

        List<String> warnings = new ArrayList<>();
        List<OutputTarget> fallback = new ArrayList<>();
        for (OutputTarget t : targets) {
            if (encodesVideo(t) && Accelerator.of(t.videoEncoder()).isHardware()) {
                String cpu = selector.cpuEncoder(t.spec().video().family()).orElseThrow(() -> new IllegalArgumentException(
                        "hardware encoder " + t.videoEncoder() + " failed (" + failed.reason() + ") and no CPU encoder for "
                                + t.spec().video().family() + " works"));
                String warning = "hardware encoder " + t.videoEncoder() + " failed (" + failed.reason() + "); fell back to " + cpu;
                if (!warnings.contains(warning)) {
                    warnings.add(warning);
                }
                fallback.add(t.withEncoder(cpu));
            } else {
                fallback.add(t);
            }
        }
        hardware.forEach(selector::recordFailure);
        deletePartials(outputs, existedBefore);
        RunOutcome second = run(source, fallback, options, listener, cancel);
        return new Result(second, encoders(fallback), List.copyOf(warnings));
    }

    private RunOutcome run(MediaMetadata source, List<OutputTarget> targets, RunOptions options,
                           Consumer<Progress> listener, CancelSignal cancel) {
        if (cancel != null && cancel.isCancelled()) {
            return new RunOutcome.Cancelled(List.of());
        }
        RunHandle handle = runner.start(FfmpegCommandBuilder.build(tools.ffmpeg(), source, targets), options, listener);
        if (cancel != null) {
            cancel.onCancel(handle::cancel);
        }
        return handle.await();
    }

    private OutputTarget withEncoder(OutputTarget t) {
        if (!encodesVideo(t) || t.videoEncoder() != null) {
            return t;
        }
        OutputSpec.Video v = t.spec().video();
        if (v.encoder() != null) {
            return t.withEncoder(v.encoder());
        }
        return t.withEncoder(selector.choose(v.family()).orElseThrow(() ->
                new IllegalArgumentException("no working encoder for " + v.family() + " on this machine (see 'spool encoders')")));
    }

    private static boolean encodesVideo(OutputTarget t) {
        return t.spec().video() != null && t.spec().still() == null;
    }

    private static Map<String, String> encoders(List<OutputTarget> targets) {
        Map<String, String> m = new LinkedHashMap<>();
        targets.stream().filter(Transcoder::encodesVideo).forEach(t -> m.put(t.spec().name(), t.videoEncoder()));
        return m;
    }

    private static void deletePartials(List<OutputTarget> outputs, Set<Path> existedBefore) {
        for (OutputTarget o : outputs) {
            if (!existedBefore.contains(o.path())) {
                try {
                    Files.deleteIfExists(o.path());
                } catch (IOException ignored) {
                    // the rerun overwrites or fails on it with a clear message
                }
            }
        }
    }
}
