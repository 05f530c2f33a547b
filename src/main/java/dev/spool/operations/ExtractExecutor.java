package dev.spool.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.engine.TaskContext;
import dev.spool.media.command.DeliveryEncoding;
import dev.spool.media.command.ExtractCommand;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.run.ProcessCapture;
import dev.spool.media.tools.FileArgument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code extract}: the part of a clip between an in and an out point (seconds, HH:MM:SS.mmm or timecode
 * HH:MM:SS:FF at the clip's rate). Re-encoding is frame-accurate: both points are snapped to frame
 * boundaries and the output must last out − in. Stream copy ({@code copy: true}) cannot cut between
 * keyframes, so it starts at the keyframe at or before the in point, records where it really started, and
 * must last out − that keyframe. Spec: {@code input}, {@code in}, {@code out}, {@code copy}, {@code codec},
 * {@code output}, {@code outputDir}.
 */
public final class ExtractExecutor extends OperationExecutor {
    public static final String KIND = "extract";

    public ExtractExecutor(OperationKit kit) {
        super(KIND, kit);
    }

    @Override
    protected TaskOutcome run(Task task, TaskContext ctx) throws IOException, OperationKit.Stop {
        JsonNode spec = kit.spec(task);
        Path source = kit.input(task, spec.get("input"), "input");
        MediaMetadata meta = kit.probe(source, "input " + source.getFileName());
        if (!meta.hasVideo()) throw OperationKit.Stop.failed("input " + source.getFileName() + " has no video stream");
        double fps = meta.time().frameRate() == null ? 0 : meta.time().frameRate().toDouble();
        double in;
        double out;
        try {
            in = Timecodes.seconds(spec.path("in").asText(), fps);
            out = Timecodes.seconds(spec.path("out").asText(), fps);
        } catch (IllegalArgumentException e) {
            throw OperationKit.Stop.failed(e.getMessage());
        }
        if (fps > 0) {
            // frame-accurate: both points on frame boundaries
            in = Math.round(in * fps) / fps;
            out = Math.round(out * fps) / fps;
        }
        Double length = meta.time().durationSeconds();
        if (out <= in) throw OperationKit.Stop.failed("the out point (" + fmt(out) + " s) must come after the in point ("
                + fmt(in) + " s)");
        if (length != null && in >= length) {
            throw OperationKit.Stop.failed("the in point " + fmt(in) + " s is past the end of the input (" + fmt(length) + " s)");
        }
        List<String> warnings = new java.util.ArrayList<>();
        if (length != null && out > length + 0.001) {
            warnings.add("out point " + fmt(out) + " s is past the end of the input; the clip ends at " + fmt(length) + " s");
            out = length;
        }
        boolean copy = spec.path("copy").asBoolean(false);
        double start = copy ? keyframeAtOrBefore(source, in) : in;
        double expected = out - start;

        Path target = kit.finalPath(spec);
        Path temp = kit.temp(target, task);
        String container = OperationKit.container(target);
        boolean audio = !meta.audio().isEmpty();
        String encoder;
        if (copy) {
            var outcome = kit.run(new ExtractCommand(kit.tools().ffmpeg(), source, start, expected, null, audio, temp,
                    container).build(), expected, ctx);
            kit.requireSuccess(outcome, temp, ctx, warnings);
            encoder = "copy";
        } else {
            double s = start;
            OperationKit.Encoded enc = kit.encode(OperationKit.family(spec), e -> new ExtractCommand(kit.tools().ffmpeg(),
                    source, s, expected, DeliveryEncoding.videoArgs(e), audio, temp, container).build(), temp, expected, ctx);
            warnings.addAll(enc.warnings());
            kit.requireSuccess(enc.outcome(), temp, ctx, warnings);
            encoder = enc.encoder();
        }

        MediaMetadata result = kit.probe(temp, "output");
        Double actual = result.time().durationSeconds();
        // a re-encoded cut is held to two frames. A copy keeps whole packets: it ends on a packet boundary, audio
        // frames overhang, and B-frame delay shifts the video's start (edit list), so it is held to 0.35 s or 5 %
        double tolerance = copy ? Math.max(0.35, expected * 0.05) : Math.max(0.05, 2 / Math.max(fps, 1));
        if (actual == null || Math.abs(actual - expected) > tolerance) {
            throw kit.unverified(temp, String.format(Locale.ROOT, "output lasts %s s but %.3f s was expected (tolerance %.3f s)",
                    actual == null ? "an unknown number of" : fmt(actual), expected, tolerance), warnings);
        }
        if (audio && result.audio().isEmpty()) throw kit.unverified(temp, "output lost the audio", warnings);
        long size = Files.size(temp);
        kit.publish(temp, target);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("inSeconds", round(in));
        details.put("outSeconds", round(out));
        details.put("startSeconds", round(start));
        details.put("streamCopy", copy);
        details.put("source", source.toString());
        return OperationKit.completed(List.of(OperationKit.output("clip", target, size, container, encoder, actual)),
                details, warnings);
    }

    /** The time of the last video keyframe at or before {@code seconds}. */
    private double keyframeAtOrBefore(Path source, double seconds) throws OperationKit.Stop {
        String from = String.format(Locale.ROOT, "%.6f", Math.max(0, seconds - 30));
        String to = String.format(Locale.ROOT, "%.6f", seconds + 0.001);
        ProcessCapture.Result r = ProcessCapture.run(List.of(kit.tools().ffprobe().toString(), "-v", "error",
                "-select_streams", "v:0", "-read_intervals", from + "%" + to, "-show_entries", "packet=pts_time,flags",
                "-of", "csv=p=0", FileArgument.of(source)), Duration.ofMinutes(2));
        if (!r.succeeded()) throw OperationKit.Stop.failed("cannot read keyframes of " + source.getFileName());
        double best = 0;
        for (String line : r.stdout().split("\n")) {
            String[] p = line.trim().split(",");
            if (p.length < 2 || !p[1].contains("K") || p[0].equals("N/A")) continue;
            double t = Double.parseDouble(p[0]);
            if (t <= seconds + 1e-6 && t > best) best = t;
        }
        return best;
    }

    private static double round(double s) {
        return Math.round(s * 1_000_000) / 1_000_000.0;
    }

    private static String fmt(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
