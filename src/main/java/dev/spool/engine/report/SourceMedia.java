package dev.spool.engine.report;

/**
 * What the executor found when it probed a clip's source. Any field may be null.
 *
 * @param summary   one human line, e.g. {@code h264 640x360 29.97 fps, 2.0 s}
 * @param frameRate as ffprobe gives it, e.g. {@code 30000/1001}
 */
public record SourceMedia(
        String summary,
        Double durationSeconds,
        String codec,
        Integer width,
        Integer height,
        String frameRate) {
}
