package dev.spool.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.engine.TaskContext;
import dev.spool.media.command.DeliveryEncoding;
import dev.spool.media.command.SequenceCommand;
import dev.spool.media.probe.MediaMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sequence}: a folder of frames described by 000's {@code manifest.json} becomes one video. The
 * manifest is validated before anything is encoded (fields, frames present against {@code count} with the
 * missing ones named, the first frame's size against width/height); the output is verified to have exactly
 * {@code count} frames at the manifest's size and rate, and audio when the manifest gives some.
 * Spec: {@code dir}, {@code manifest} (file name, default manifest.json), {@code codec} (h264|hevc|av1),
 * {@code output}, {@code outputDir}.
 */
public final class SequenceExecutor extends OperationExecutor {
    public static final String KIND = "sequence";

    public SequenceExecutor(OperationKit kit) {
        super(KIND, kit);
    }

    @Override
    protected TaskOutcome run(Task task, TaskContext ctx) throws IOException, OperationKit.Stop {
        JsonNode spec = kit.spec(task);
        Path manifestFile = Path.of(spec.path("dir").asText()).resolve(spec.path("manifest").asText("manifest.json"));
        if (!Files.isRegularFile(manifestFile)) throw OperationKit.Stop.failed("manifest not found: " + manifestFile);
        FrameManifest manifest;
        FrameManifest.Frames frames;
        try {
            manifest = FrameManifest.read(manifestFile);
            frames = manifest.frames();
        } catch (FrameManifest.InvalidManifestException e) {
            throw OperationKit.Stop.failed("invalid manifest: " + e.getMessage());
        }
        MediaMetadata first = kit.probe(frames.first(), "first frame " + frames.first().getFileName());
        if (!Integer.valueOf(manifest.width()).equals(first.image().width())
                || !Integer.valueOf(manifest.height()).equals(first.image().height())) {
            throw OperationKit.Stop.failed("invalid manifest: first frame " + frames.first().getFileName() + " is "
                    + first.image().width() + "x" + first.image().height() + " but the manifest says "
                    + manifest.width() + "x" + manifest.height());
        }
        Path audio = null;
        if (manifest.audio() != null) {
            audio = manifest.folder().resolve(manifest.audio()).normalize();
            if (!Files.isRegularFile(audio)) throw OperationKit.Stop.failed("invalid manifest: audio file not found: " + audio);
        }

        Path target = kit.finalPath(spec);
        Path temp = kit.temp(target, task);
        String container = OperationKit.container(target);
        String pattern = manifest.pattern(frames);
        Path audioIn = audio;
        OperationKit.Encoded enc = kit.encode(OperationKit.family(spec), encoder -> new SequenceCommand(
                kit.tools().ffmpeg(), pattern, manifest.frameRate(), frames.startNumber(), manifest.count(), manifest.rgb(),
                audioIn, DeliveryEncoding.videoArgs(encoder), temp, container).build(), temp, manifest.durationSeconds(), ctx);
        kit.requireSuccess(enc.outcome(), temp, ctx, enc.warnings());

        // verification: exact frame count, size and rate; audio when asked
        OperationKit.StreamFacts facts = kit.videoFacts(temp);
        if (facts.frames() != manifest.count()) {
            throw kit.unverified(temp, "output has " + facts.frames() + " frames, the manifest asked for " + manifest.count(),
                    enc.warnings());
        }
        if (facts.width() != manifest.width() || facts.height() != manifest.height()) {
            throw kit.unverified(temp, "output is " + facts.width() + "x" + facts.height() + ", expected "
                    + manifest.width() + "x" + manifest.height(), enc.warnings());
        }
        if (Math.abs(FrameRates.parse(facts.frameRate()) - manifest.fps()) > 0.01) {
            throw kit.unverified(temp, "output runs at " + facts.frameRate() + " fps, expected " + manifest.frameRate(),
                    enc.warnings());
        }
        MediaMetadata out = kit.probe(temp, "output");
        if (audio != null && out.audio().isEmpty()) throw kit.unverified(temp, "output has no audio stream", enc.warnings());
        long size = Files.size(temp);
        kit.publish(temp, target);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("manifestJobId", manifest.jobId());
        details.put("frames", manifest.count());
        details.put("frameRate", manifest.frameRate());
        details.put("width", manifest.width());
        details.put("height", manifest.height());
        details.put("audio", audio == null ? null : audio.toString());
        return OperationKit.completed(List.of(OperationKit.output("video", target, size, container, enc.encoder(),
                out.time().durationSeconds())), details, enc.warnings());
    }
}
