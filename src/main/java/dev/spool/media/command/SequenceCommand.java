package dev.spool.media.command;

import dev.spool.media.tools.FileArgument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image sequence (plus optional audio) to one video file. Pure; the order of arguments:
 * global flags, the frames input ({@code -framerate}, {@code -start_number}, the {@code image2} pattern),
 * the audio input, stream maps, {@code -frames:v COUNT} (exactly the frames asked for), the colour
 * conversion filter, codec flags, {@code -t} so audio never outlasts the picture, then the output.
 *
 * @param pattern     the frames' printf pattern, e.g. {@code /jobs/x/frames/frame_%06d.png} ('%' in folder
 *                    names must already be doubled)
 * @param rgbSource   frames are RGB (PNG/JPEG from a generator): convert with the BT.709 matrix and tag it
 * @param audio       optional audio file, muxed and cut to the picture's length
 */
public record SequenceCommand(Path ffmpeg, String pattern, String fps, int startNumber, int count, boolean rgbSource,
                              Path audio, List<String> videoArgs, Path output, String container) {

    public List<String> build() {
        List<String> a = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostats", "-progress", "pipe:1", "-y"));
        a.addAll(List.of("-framerate", fps, "-start_number", Integer.toString(startNumber), "-f", "image2",
                "-i", "file:" + pattern));
        if (audio != null) a.addAll(List.of("-i", FileArgument.of(audio)));
        a.addAll(List.of("-map", "0:v:0"));
        if (audio != null) a.addAll(List.of("-map", "1:a:0"));
        a.addAll(List.of("-frames:v", Integer.toString(count)));
        if (rgbSource) {
            a.addAll(List.of("-vf", "scale=out_color_matrix=bt709:out_range=tv",
                    "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"));
        }
        a.addAll(videoArgs);
        a.addAll(List.of("-r", fps));
        if (audio != null) {
            a.addAll(DeliveryEncoding.audioArgs());
            a.addAll(List.of("-af", "apad", "-shortest"));
        }
        a.addAll(List.of("-f", container, FileArgument.of(output)));
        return a;
    }
}
