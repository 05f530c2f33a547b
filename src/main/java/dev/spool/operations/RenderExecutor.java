package dev.spool.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.engine.TaskContext;
import dev.spool.media.command.DeliveryEncoding;
import dev.spool.media.command.LoudnessMeasurement;
import dev.spool.media.command.RenderCommand;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.run.RunOutcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code render} (001's render pipeline): an audio file over a still image or a solid colour, optionally
 * with a waveform, becomes a video exactly as long as the audio. With {@code loudnorm} the audio is first
 * measured (pass one) and then normalized linearly to the EBU R128 targets (pass two, in the render).
 * Verified: duration equals the audio's, video and audio present, frame size as asked.
 * Spec: {@code audio}, {@code image} or {@code color}, {@code waveform}, {@code width}, {@code height},
 * {@code fps}, {@code loudnorm} ({integrated, truePeak, range}), {@code codec}, {@code output}.
 */
public final class RenderExecutor extends OperationExecutor {
    public static final String KIND = "render";

    public RenderExecutor(OperationKit kit) {
        super(KIND, kit);
    }

    @Override
    protected TaskOutcome run(Task task, TaskContext ctx) throws IOException, OperationKit.Stop {
        JsonNode spec = kit.spec(task);
        Path audio = kit.input(task, spec.get("audio"), "audio");
        MediaMetadata a = kit.probe(audio, "audio " + audio.getFileName());
        if (a.audio().isEmpty()) throw OperationKit.Stop.failed("audio " + audio.getFileName() + " has no audio stream");
        Double duration = a.time().durationSeconds();
        if (duration == null || duration <= 0) throw OperationKit.Stop.failed("audio " + audio.getFileName() + " has no known duration");
        Path image = null;
        if (spec.hasNonNull("image")) {
            image = kit.input(task, spec.get("image"), "image");
            MediaMetadata im = kit.probe(image, "image " + image.getFileName());
            if (!im.hasVideo()) throw OperationKit.Stop.failed("image " + image.getFileName() + " is not a picture");
        }
        int width = spec.path("width").asInt(1280);
        int height = spec.path("height").asInt(720);
        int fps = spec.path("fps").asInt(25);

        String loudnorm = null;
        Map<String, Object> details = new LinkedHashMap<>();
        if (spec.hasNonNull("loudnorm")) {
            JsonNode l = spec.get("loudnorm");
            RenderCommand.Loudness target = new RenderCommand.Loudness(l.path("integrated").asDouble(-23),
                    l.path("truePeak").asDouble(-1), l.path("range").asDouble(7));
            ctx.progress(Map.of("phase", "measuring loudness"));
            RunOutcome measured = kit.run(RenderCommand.measureLoudness(kit.tools().ffmpeg(), audio, target), duration, ctx);
            kit.requireSuccess(measured, null, ctx, List.of());
            LoudnessMeasurement m = LoudnessMeasurement.parse(measured.stderrTail()).orElseThrow(() ->
                    OperationKit.Stop.failed("loudness measurement gave no usable values (silent audio?)"));
            loudnorm = RenderCommand.normalizeFilter(target, m);
            details.put("loudness", Map.of("measuredIntegrated", m.inputI(), "measuredTruePeak", m.inputTp(),
                    "targetIntegrated", target.integrated(), "targetTruePeak", target.truePeak(), "targetRange", target.range()));
        }

        Path target = kit.finalPath(spec);
        Path temp = kit.temp(target, task);
        String container = OperationKit.container(target);
        Path img = image;
        String filter = loudnorm;
        boolean waveform = spec.path("waveform").asBoolean(false);
        String color = spec.path("color").asText("black");
        OperationKit.Encoded enc = kit.encode(OperationKit.family(spec), e -> new RenderCommand(kit.tools().ffmpeg(), audio,
                img, color, width, height, fps, waveform, filter, duration, DeliveryEncoding.videoArgs(e), temp, container).build(),
                temp, duration, ctx);
        kit.requireSuccess(enc.outcome(), temp, ctx, enc.warnings());

        MediaMetadata out = kit.probe(temp, "output");
        Double actual = out.time().durationSeconds();
        double tolerance = Math.max(0.1, 2.0 / fps);
        if (actual == null || Math.abs(actual - duration) > tolerance) {
            throw kit.unverified(temp, String.format(Locale.ROOT, "output lasts %s s but the audio lasts %.3f s",
                    actual == null ? "an unknown number of" : String.format(Locale.ROOT, "%.3f", actual), duration), enc.warnings());
        }
        if (out.audio().isEmpty()) throw kit.unverified(temp, "output has no audio", enc.warnings());
        if (!Integer.valueOf(width).equals(out.image().width()) || !Integer.valueOf(height).equals(out.image().height())) {
            throw kit.unverified(temp, "output is " + out.image().width() + "x" + out.image().height() + ", expected "
                    + width + "x" + height, enc.warnings());
        }
        long size = Files.size(temp);
        kit.publish(temp, target);
        details.put("audio", audio.toString());
        details.put("picture", image != null ? image.toString() : "color " + color);
        details.put("waveform", waveform);
        return OperationKit.completed(List.of(OperationKit.output("video", target, size, container, enc.encoder(), actual)),
                details, enc.warnings());
    }
}
