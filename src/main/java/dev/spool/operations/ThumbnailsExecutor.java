package dev.spool.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.engine.TaskContext;
import dev.spool.media.command.ThumbnailCommand;
import dev.spool.media.probe.MediaMetadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code thumbnails}: stills of a video in one folder: {@code poster.jpg} at a time or percentage,
 * {@code thumb-001.jpg …} evenly spaced (the middle of each of N equal parts), and a sprite sheet
 * {@code sprite.jpg} of N tiles with {@code sprite.vtt}, a WebVTT index whose cues point at each tile
 * ({@code sprite.jpg#xywh=x,y,w,h}) for scrubbing previews. The folder is built under a temporary name and
 * renamed into place once every image is verified (size and tile geometry). Spec: {@code input},
 * {@code poster}, {@code count}, {@code sprite}, {@code columns}, {@code width}, {@code output} (folder).
 */
public final class ThumbnailsExecutor extends OperationExecutor {
    public static final String KIND = "thumbnails";

    public ThumbnailsExecutor(OperationKit kit) {
        super(KIND, kit);
    }

    @Override
    protected TaskOutcome run(Task task, TaskContext ctx) throws IOException, OperationKit.Stop {
        JsonNode spec = kit.spec(task);
        Path source = kit.input(task, spec.get("input"), "input");
        MediaMetadata meta = kit.probe(source, "input " + source.getFileName());
        if (!meta.hasVideo()) throw OperationKit.Stop.failed("input " + source.getFileName() + " has no video stream");
        Double duration = meta.time().durationSeconds();
        if (duration == null || duration <= 0) throw OperationKit.Stop.failed("input has no known duration");
        if (meta.image().width() == null || meta.image().height() == null) {
            throw OperationKit.Stop.failed("input has no known frame size");
        }
        int width = spec.path("width").asInt(160);
        int srcW = meta.image().width();
        int srcH = meta.image().height();
        int height = Math.max(2, (int) Math.round((double) width * srcH / srcW / 2) * 2);
        int count = spec.path("count").asInt(0);
        boolean sprite = spec.path("sprite").asBoolean(false);
        double lastFrame = Math.max(0, duration - 1 / Math.max(1, fps(meta)));

        Path target = kit.finalPath(spec);
        Path dir = kit.temp(target, task);
        Files.createDirectories(dir);
        List<Map<String, Object>> outputs = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Double posterAt = null;
        if (spec.hasNonNull("poster")) {
            String p = spec.get("poster").asText();
            try {
                posterAt = p.endsWith("%") ? duration * Double.parseDouble(p.substring(0, p.length() - 1)) / 100
                        : Timecodes.seconds(p, fps(meta));
            } catch (IllegalArgumentException e) {
                OperationKit.delete(dir);
                throw OperationKit.Stop.failed("poster: " + e.getMessage());
            }
            if (posterAt > duration) {
                OperationKit.delete(dir);
                throw OperationKit.Stop.failed("poster time " + fmt(posterAt) + " s is past the end (" + fmt(duration) + " s)");
            }
            times.add(Math.min(posterAt, lastFrame));
            files.add(dir.resolve("poster.jpg"));
        }
        if (count > 0) {
            for (int k = 0; k < count; k++) {
                times.add(Math.min(duration * (k + 0.5) / count, lastFrame));
                files.add(dir.resolve(String.format(Locale.ROOT, "thumb-%03d.jpg", k + 1)));
            }
        }
        if (!times.isEmpty()) {
            var outcome = kit.run(ThumbnailCommand.frames(kit.tools().ffmpeg(), source, times, width, height, files), null, ctx);
            kit.requireSuccess(outcome, dir, ctx, List.of());
            for (Path f : files) {
                checkImage(f, width, height, dir);
                outputs.add(OperationKit.output(f.getFileName().toString().replace(".jpg", ""), target.resolve(f.getFileName()),
                        Files.size(f), "jpg", "mjpeg", null));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (sprite) {
            int columns = Math.min(spec.path("columns").asInt(5), count);
            int rows = (count + columns - 1) / columns;
            double interval = duration / count;
            Path sheet = dir.resolve("sprite.jpg");
            var outcome = kit.run(ThumbnailCommand.sprite(kit.tools().ffmpeg(), source, interval, width, height, columns, rows,
                    sheet), duration, ctx);
            kit.requireSuccess(outcome, dir, ctx, List.of());
            checkImage(sheet, width * columns, height * rows, dir);
            Path vtt = dir.resolve("sprite.vtt");
            Files.writeString(vtt, webVtt("sprite.jpg", count, columns, width, height, interval, duration), StandardCharsets.UTF_8);
            outputs.add(OperationKit.output("sprite", target.resolve("sprite.jpg"), Files.size(sheet), "jpg", "mjpeg", null));
            outputs.add(OperationKit.output("sprite-index", target.resolve("sprite.vtt"), Files.size(vtt), "vtt", null, null));
            details.put("sprite", Map.of("columns", columns, "rows", rows, "tileWidth", width, "tileHeight", height,
                    "intervalSeconds", Math.round(interval * 1000) / 1000.0));
        }
        kit.publish(dir, target);
        details.put("folder", target.toString());
        details.put("posterSeconds", posterAt);
        details.put("thumbnailTimes", times.subList(posterAt == null ? 0 : 1, times.size()).stream()
                .map(t -> Math.round(t * 1000) / 1000.0).toList());
        return OperationKit.completed(outputs, details, List.of());
    }

    /** WebVTT cues, one per tile, row by row: {@code sprite.jpg#xywh=x,y,w,h}. */
    static String webVtt(String image, int count, int columns, int w, int h, double interval, double duration) {
        StringBuilder b = new StringBuilder("WEBVTT\n");
        for (int k = 0; k < count; k++) {
            double from = k * interval;
            double to = k == count - 1 ? duration : (k + 1) * interval;
            b.append('\n').append(vttTime(from)).append(" --> ").append(vttTime(to)).append('\n')
                    .append(image).append("#xywh=").append(k % columns * w).append(',').append(k / columns * h)
                    .append(',').append(w).append(',').append(h).append('\n');
        }
        return b.toString();
    }

    static String vttTime(double s) {
        long ms = Math.round(s * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    private void checkImage(Path f, int w, int h, Path dir) throws OperationKit.Stop, IOException {
        if (!Files.isRegularFile(f) || Files.size(f) == 0) throw kit.unverified(dir, f.getFileName() + " was not written", List.of());
        MediaMetadata m = kit.probe(f, f.getFileName().toString());
        if (!Integer.valueOf(w).equals(m.image().width()) || !Integer.valueOf(h).equals(m.image().height())) {
            throw kit.unverified(dir, f.getFileName() + " is " + m.image().width() + "x" + m.image().height() + ", expected "
                    + w + "x" + h, List.of());
        }
    }

    private static double fps(MediaMetadata m) {
        return m.time().frameRate() == null ? 25 : m.time().frameRate().toDouble();
    }

    private static String fmt(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
