package dev.spool.engine.report;

/**
 * One file a clip produced, as its executor recorded it. Any field may be null when the executor did
 * not record it.
 *
 * @param name    the output's name in the preset, e.g. {@code h264_540p_proxy}
 * @param encoder the encoder actually used, e.g. {@code libx264} or {@code h264_nvenc}
 */
public record OutputReport(
        String name,
        String path,
        Long sizeBytes,
        String container,
        String encoder,
        Double durationSeconds) {
}
