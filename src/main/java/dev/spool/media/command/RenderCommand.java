package dev.spool.media.command;

import dev.spool.media.tools.FileArgument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * 001's render: an audio file over a still image or a solid colour (optionally with a waveform of the
 * audio drawn across the middle) becomes a video lasting exactly as long as the audio. Pure.
 * Order: global flags, picture input (looped image or {@code color} source), audio input,
 * {@code -filter_complex} (picture fitted to the frame; audio optionally loudness-normalized, resampled to
 * 48 kHz stereo and split for the waveform), maps, codecs, {@code -t DURATION}, output.
 *
 * @param image     the still, or null for {@code color}
 * @param color     FFmpeg colour ({@code black}, {@code 0x1a2b3c}); used when there is no image
 * @param loudnorm  the second-pass {@code loudnorm=...} filter with measured values, or null
 */
public record RenderCommand(Path ffmpeg, Path audio, Path image, String color, int width, int height, int fps,
                            boolean waveform, String loudnorm, double durationSeconds, List<String> videoArgs,
                            Path output, String container) {

    public List<String> build() {
        List<String> a = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostats", "-progress", "pipe:1", "-y"));
        if (image != null) {
            a.addAll(List.of("-loop", "1", "-framerate", Integer.toString(fps), "-i", FileArgument.of(image)));
        } else {
            a.addAll(List.of("-f", "lavfi", "-i", "color=c=" + color + ":s=" + width + "x" + height + ":r=" + fps));
        }
        a.addAll(List.of("-i", FileArgument.of(audio)));
        a.addAll(List.of("-filter_complex", filterGraph(), "-map", "[vout]", "-map", "[aout]"));
        a.addAll(videoArgs);
        a.addAll(DeliveryEncoding.audioArgs());
        a.addAll(List.of("-t", ExtractCommand.seconds(durationSeconds), "-f", container, FileArgument.of(output)));
        return a;
    }

    public String filterGraph() {
        String picture = "[0:v]scale=" + width + ":" + height + ":force_original_aspect_ratio=decrease,pad=" + width + ":"
                + height + ":(ow-iw)/2:(oh-ih)/2,setsar=1,fps=" + fps + ",format=yuv420p";
        // the layout is pinned: loudnorm and asplit otherwise leave it open and ffmpeg cannot choose one for mono
        String sound = "[1:a:0]" + (loudnorm == null ? "" : loudnorm + ",")
                + "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo";
        if (!waveform) return picture + "[vout];" + sound + "[aout]";
        int waveHeight = Math.max(2, height / 3 / 2 * 2);
        return picture + "[bg];" + sound + ",asplit=2[aout][aw];"
                + "[aw]showwaves=s=" + width + "x" + waveHeight + ":mode=cline:rate=" + fps + ":colors=white[w];"
                + "[bg][w]overlay=0:(H-h)/2,format=yuv420p[vout]";
    }

    /** EBU R128 targets: integrated loudness (LUFS), true peak (dBTP), loudness range (LU). */
    public record Loudness(double integrated, double truePeak, double range) {
        public static final Loudness EBU_R128 = new Loudness(-23, -1, 7);

        String targets() {
            return "I=" + ConcatCommand.num(integrated) + ":TP=" + ConcatCommand.num(truePeak) + ":LRA="
                    + ConcatCommand.num(range);
        }
    }

    /** First pass: measures the audio; {@code loudnorm} prints its JSON at the end of stderr. */
    public static List<String> measureLoudness(Path ffmpeg, Path audio, Loudness target) {
        return List.of(ffmpeg.toString(), "-hide_banner", "-nostats", "-progress", "pipe:1", "-y",
                "-i", FileArgument.of(audio), "-map", "0:a:0",
                "-af", "loudnorm=" + target.targets() + ":print_format=json", "-f", "null", "-");
    }

    /** The second-pass filter: the targets plus the first pass's measurements, linear normalization. */
    public static String normalizeFilter(Loudness target, LoudnessMeasurement m) {
        return "loudnorm=" + target.targets() + ":measured_I=" + m.inputI() + ":measured_TP=" + m.inputTp()
                + ":measured_LRA=" + m.inputLra() + ":measured_thresh=" + m.inputThresh() + ":offset=" + m.targetOffset()
                + ":linear=true";
    }
}
