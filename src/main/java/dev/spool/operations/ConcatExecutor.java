package dev.spool.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.engine.TaskContext;
import dev.spool.media.command.ConcatCommand;
import dev.spool.media.command.DeliveryEncoding;
import dev.spool.media.probe.MediaMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code concat}: ordered clips joined with cuts, fades through black or dissolves ({@link ConcatCommand}).
 * Clips are normalized to the first clip's frame size and rate, or to {@code normalize}; the output's
 * duration must match the expected total (sum of the clips, minus the overlaps of dissolves).
 * Spec: {@code inputs}, {@code transition}, {@code transitionSeconds}, {@code normalize}, {@code codec},
 * {@code output}, {@code outputDir}.
 */
public final class ConcatExecutor extends OperationExecutor {
    public static final String KIND = "concat";

    public ConcatExecutor(OperationKit kit) {
        super(KIND, kit);
    }

    @Override
    protected TaskOutcome run(Task task, TaskContext ctx) throws IOException, OperationKit.Stop {
        JsonNode spec = kit.spec(task);
        ConcatCommand.Transition transition = ConcatCommand.Transition.valueOf(
                spec.path("transition").asText("cut").toUpperCase(Locale.ROOT));
        double t = spec.path("transitionSeconds").asDouble(0);
        List<ConcatCommand.Clip> clips = new ArrayList<>();
        MediaMetadata first = null;
        int i = 0;
        for (JsonNode ref : spec.path("inputs")) {
            Path p = kit.input(task, ref, "inputs[" + i + "]");
            MediaMetadata m = kit.probe(p, "inputs[" + i + "] " + p.getFileName());
            if (!m.hasVideo()) throw OperationKit.Stop.failed("inputs[" + i + "] " + p.getFileName() + " has no video stream");
            Double d = m.time().durationSeconds();
            if (d == null || d <= 0) throw OperationKit.Stop.failed("inputs[" + i + "] " + p.getFileName() + " has no known duration");
            // a transition eats into both neighbours; a clip must be longer than what its transitions take
            double needed = transition == ConcatCommand.Transition.CUT ? 0 : t * (i == 0 ? 1 : 2);
            if (d <= needed) {
                throw OperationKit.Stop.failed(String.format(Locale.ROOT, "inputs[%d] %s lasts %.3f s, too short for %.3f s "
                        + "transitions on each side", i, p.getFileName(), d, t));
            }
            clips.add(new ConcatCommand.Clip(p, d, !m.audio().isEmpty()));
            if (first == null) first = m;
            i++;
        }
        JsonNode norm = spec.path("normalize");
        int width = norm.has("width") ? norm.get("width").asInt() : even(first.image().width());
        int height = norm.has("height") ? norm.get("height").asInt() : even(first.image().height());
        String fps = norm.has("fps") ? FrameRates.of(norm.get("fps").asDouble())
                : first.time().frameRate() == null ? "25" : first.time().frameRate().toString();

        Path target = kit.finalPath(spec);
        Path temp = kit.temp(target, task);
        String container = OperationKit.container(target);
        ConcatCommand probe = new ConcatCommand(kit.tools().ffmpeg(), clips, width, height, fps, transition, t, List.of(),
                temp, container);
        double expected = probe.expectedSeconds();
        OperationKit.Encoded enc = kit.encode(OperationKit.family(spec), e -> new ConcatCommand(kit.tools().ffmpeg(), clips,
                width, height, fps, transition, t, DeliveryEncoding.videoArgs(e), temp, container).build(), temp, expected, ctx);
        kit.requireSuccess(enc.outcome(), temp, ctx, enc.warnings());

        MediaMetadata out = kit.probe(temp, "output");
        Double actual = out.time().durationSeconds();
        double tolerance = Math.max(0.1, expected * 0.01);
        if (actual == null || Math.abs(actual - expected) > tolerance) {
            throw kit.unverified(temp, String.format(Locale.ROOT, "output lasts %s s but the clips add up to %.3f s "
                    + "(tolerance %.3f s)", actual == null ? "an unknown number of" : String.format(Locale.ROOT, "%.3f", actual),
                    expected, tolerance), enc.warnings());
        }
        if (!Integer.valueOf(width).equals(out.image().width()) || !Integer.valueOf(height).equals(out.image().height())) {
            throw kit.unverified(temp, "output is " + out.image().width() + "x" + out.image().height() + ", expected "
                    + width + "x" + height, enc.warnings());
        }
        if (probe.withAudio() && out.audio().isEmpty()) throw kit.unverified(temp, "output has no audio", enc.warnings());
        long size = Files.size(temp);
        kit.publish(temp, target);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("clips", clips.size());
        details.put("transition", transition.name().toLowerCase(Locale.ROOT));
        details.put("transitionSeconds", t);
        details.put("expectedSeconds", Math.round(expected * 1000) / 1000.0);
        details.put("width", width);
        details.put("height", height);
        details.put("frameRate", fps);
        return OperationKit.completed(List.of(OperationKit.output("video", target, size, container, enc.encoder(), actual)),
                details, enc.warnings());
    }

    private static int even(Integer v) {
        return v == null ? 2 : v / 2 * 2;
    }
}
