package dev.spool.media.command;

import dev.spool.media.tools.FileArgument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Still images from a video: single frames at given times (one run, one fast input seek per frame) and a
 * sprite sheet of evenly spaced frames tiled in a grid (for scrubbing, indexed by a WebVTT file). JPEG
 * output, width fixed and height derived by the caller so sprite coordinates are exact. Pure.
 */
public final class ThumbnailCommand {
    private static final List<String> GLOBAL = List.of("-hide_banner", "-nostats", "-progress", "pipe:1", "-y");

    private ThumbnailCommand() {
    }

    /**
     * One JPEG per time: {@code -ss T -i SOURCE} per frame, then per output {@code -map K:v:0 -frames:v 1},
     * the scale, quality and {@code image2} muxer writing exactly one file.
     */
    public static List<String> frames(Path ffmpeg, Path source, List<Double> seconds, int width, int height,
                                      List<Path> outputs) {
        if (seconds.size() != outputs.size()) throw new IllegalArgumentException("one output per time");
        List<String> a = new ArrayList<>(List.of(ffmpeg.toString()));
        a.addAll(GLOBAL);
        for (double s : seconds) a.addAll(List.of("-ss", ExtractCommand.seconds(s), "-i", FileArgument.of(source)));
        for (int i = 0; i < outputs.size(); i++) {
            a.addAll(List.of("-map", i + ":v:0", "-frames:v", "1", "-vf", "scale=" + width + ":" + height + ",setsar=1",
                    "-q:v", "3", "-f", "image2", "-update", "1", FileArgument.of(outputs.get(i))));
        }
        return a;
    }

    /**
     * A sprite sheet: {@code fps} keeps one frame every {@code intervalSeconds} (starting at 0), each scaled to
     * the tile size, {@code tile} lays them out in {@code columns x rows}; one image is written.
     */
    public static List<String> sprite(Path ffmpeg, Path source, double intervalSeconds, int tileWidth, int tileHeight,
                                      int columns, int rows, Path output) {
        List<String> a = new ArrayList<>(List.of(ffmpeg.toString()));
        a.addAll(GLOBAL);
        a.addAll(List.of("-i", FileArgument.of(source), "-map", "0:v:0",
                "-vf", "fps=" + ConcatCommand.num(1 / intervalSeconds) + ",scale=" + tileWidth + ":" + tileHeight
                        + ",setsar=1,tile=" + columns + "x" + rows,
                "-frames:v", "1", "-q:v", "3", "-f", "image2", "-update", "1", FileArgument.of(output)));
        return a;
    }
}
