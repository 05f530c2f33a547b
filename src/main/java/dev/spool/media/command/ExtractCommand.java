package dev.spool.media.command;

import dev.spool.media.tools.FileArgument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A clip between two points of one source. Pure. Re-encoding seeks on the input ({@code -ss} before
 * {@code -i}), which FFmpeg decodes frame-accurately; stream copy ({@code videoArgs} null) must start on a
 * keyframe, so the caller passes the keyframe at or before the in point and the duration from there.
 * Order: global flags, {@code -ss}, input, {@code -t}, maps (first video, all audio), codecs, output.
 */
public record ExtractCommand(Path ffmpeg, Path source, double startSeconds, double durationSeconds,
                             List<String> videoArgs, boolean hasAudio, Path output, String container) {

    public List<String> build() {
        List<String> a = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostats", "-progress", "pipe:1", "-y"));
        a.addAll(List.of("-ss", seconds(startSeconds), "-i", FileArgument.of(source), "-t", seconds(durationSeconds)));
        a.addAll(List.of("-map", "0:v:0"));
        if (hasAudio) a.addAll(List.of("-map", "0:a?"));
        if (videoArgs == null) {
            a.addAll(List.of("-c", "copy", "-avoid_negative_ts", "make_zero"));
        } else {
            a.addAll(videoArgs);
            if (hasAudio) a.addAll(DeliveryEncoding.audioArgs());
        }
        a.addAll(List.of("-f", container, FileArgument.of(output)));
        return a;
    }

    /** Seconds with microsecond precision, never in exponent notation. */
    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }
}
