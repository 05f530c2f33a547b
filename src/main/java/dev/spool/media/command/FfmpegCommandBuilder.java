package dev.spool.media.command;

import dev.spool.domain.OutputSpec;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.tools.FileArgument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the FFmpeg command line that renders one source into one or more outputs with a single
 * decode: the video is decoded once and fanned out with a {@code split} filter, so a proxy, a
 * mezzanine and a poster still cost one read of the source. Pure: the same arguments always give
 * the same list, and nothing is run.
 *
 * <p>Order of the arguments:
 * <ol>
 *   <li>the ffmpeg executable;</li>
 *   <li>global flags: {@code -hide_banner -nostats -progress pipe:1}, then {@code -y} when every output
 *       may be overwritten (temporary paths) or {@code -n} otherwise, then {@code -vaapi_device} when a
 *       VAAPI encoder is used;</li>
 *   <li>inputs: {@code -i} source, then one {@code -i} per image watermark, in output order;</li>
 *   <li>the filter graph: {@code -filter_complex} with {@code [0:v:0]split=N} and one chain per video
 *       output ending in the label {@code [vK]} (K = output position); omitted without video outputs;</li>
 *   <li>per output, in the order given: maps ({@code -map [vK]}, then {@code -map 0:a:I} per source
 *       audio track), video codec options, frame rate, audio codec options, still-frame options,
 *       metadata (timecode, reel name), {@code -f} muxer, and the path.</li>
 * </ol>
 * Every file is passed as {@code file:} plus its absolute path (see {@link FileArgument}), so no
 * name is ever read as an option or protocol, and {@code -f} is always given so that temporary names
 * without the final extension work.
 *
 * <p>stdin is left open ({@code -nostdin} is not passed): the runner stops FFmpeg gracefully by
 * writing {@code q} to it.
 */
public final class FfmpegCommandBuilder {
    /** The render node used by VAAPI encoders. */
    public static final String VAAPI_DEVICE = "/dev/dri/renderD128";

    private FfmpegCommandBuilder() {
    }

    /**
     * @param ffmpeg  the ffmpeg executable
     * @param source  metadata of the source (its path is {@code source.identity().path()})
     * @param outputs at least one output
     * @throws IllegalArgumentException when an output cannot be made from this source (e.g. a still at
     *                                  a percentage of an unknown duration)
     */
    public static List<String> build(Path ffmpeg, MediaMetadata source, List<OutputTarget> outputs) {
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("at least one output is required");
        }
        List<String> a = new ArrayList<>();
        a.add(ffmpeg.toString());

        a.addAll(List.of("-hide_banner", "-nostats", "-progress", "pipe:1"));
        a.add(outputs.stream().allMatch(OutputTarget::overwrite) ? "-y" : "-n");
        if (outputs.stream().anyMatch(o -> hasVideo(o) && o.spec().still() == null
                && Accelerator.of(o.videoEncoder()) == Accelerator.VAAPI)) {
            a.addAll(List.of("-vaapi_device", VAAPI_DEVICE));
        }

        a.addAll(List.of("-i", FileArgument.of(source.identity().path())));
        List<Integer> imageInput = new ArrayList<>();
        int nextInput = 1;
        for (OutputTarget o : outputs) {
            OutputSpec.Watermark wm = hasVideo(o) ? o.spec().video().watermark() : null;
            if (wm != null && wm.image() != null) {
                a.addAll(List.of("-i", FileArgument.of(Path.of(wm.image()))));
                imageInput.add(nextInput++);
            } else {
                imageInput.add(null);
            }
        }

        String graph = filterGraph(source, outputs, imageInput);
        if (!graph.isEmpty()) {
            a.addAll(List.of("-filter_complex", graph));
        }

        for (int k = 0; k < outputs.size(); k++) {
            a.addAll(outputArguments(source, outputs.get(k), k));
        }
        return List.copyOf(a);
    }

    private static boolean hasVideo(OutputTarget o) {
        return o.spec().video() != null || o.spec().still() != null;
    }

    private static String filterGraph(MediaMetadata source, List<OutputTarget> outputs, List<Integer> imageInput) {
        List<Integer> videoOutputs = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
            if (hasVideo(outputs.get(k))) {
                videoOutputs.add(k);
            }
        }
        if (videoOutputs.isEmpty()) {
            return "";
        }
        if (!source.hasVideo()) {
            throw new IllegalArgumentException("source " + source.identity().name() + " has no video stream");
        }
        List<String> chains = new ArrayList<>();
        if (videoOutputs.size() > 1) {
            StringBuilder split = new StringBuilder("[0:v:0]split=" + videoOutputs.size());
            videoOutputs.forEach(k -> split.append("[s").append(k).append(']'));
            chains.add(split.toString());
        }
        for (int k : videoOutputs) {
            String in = videoOutputs.size() > 1 ? "[s" + k + "]" : "[0:v:0]";
            chains.addAll(videoChain(source, outputs.get(k), k, in, imageInput.get(k)));
        }
        return String.join(";", chains);
    }

    private static List<String> videoChain(MediaMetadata source, OutputTarget o, int k, String in, Integer imageInput) {
        OutputSpec spec = o.spec();
        OutputSpec.Video v = spec.video();
        List<String> filters = new ArrayList<>();
        if (spec.still() != null) {
            // timestamps restart at 0 so the position means "into the clip" whatever the source's start time
            filters.add("setpts=PTS-STARTPTS");
            filters.add("trim=start=" + seconds(stillPosition(source, spec.still())));
        }
        if (v != null && v.scale() != null) {
            if (source.image().width() == null || source.image().height() == null) {
                throw new IllegalArgumentException("cannot scale: source frame size unknown");
            }
            filters.addAll(ScalePlan.of(source.image().width(), source.image().height(),
                    source.image().sampleAspect(), v.scale()).filters());
        }
        OutputSpec.Watermark wm = v == null ? null : v.watermark();
        if (wm != null) {
            checkOpacity(wm);
            if (wm.text() != null) {
                filters.add(drawtext(wm));
            }
        }
        List<String> tail = new ArrayList<>();
        if (spec.still() == null && v != null && Accelerator.of(o.videoEncoder()) == Accelerator.VAAPI) {
            tail.add("format=nv12");
            tail.add("hwupload");
        }
        String out = "[v" + k + "]";
        if (imageInput == null) {
            filters.addAll(tail);
            return List.of(in + chain(filters) + out);
        }
        String base = "[b" + k + "]";
        String mark = "[w" + k + "]";
        List<String> overlay = new ArrayList<>();
        overlay.add("overlay=" + position(wm.position(), "W", "H", "w", "h"));
        overlay.addAll(tail);
        return List.of(
                in + chain(filters) + base,
                "[" + imageInput + ":v]format=rgba,colorchannelmixer=aa=" + decimal(wm.opacity()) + mark,
                base + mark + chain(overlay) + out);
    }

    private static List<String> outputArguments(MediaMetadata source, OutputTarget o, int k) {
        OutputSpec spec = o.spec();
        List<String> a = new ArrayList<>();
        if (hasVideo(o)) {
            a.addAll(List.of("-map", "[v" + k + "]"));
        }
        boolean audio = spec.audio() != null && spec.still() == null;
        if (audio) {
            for (MediaMetadata.AudioTrack t : source.audio()) {
                a.addAll(List.of("-map", "0:a:" + t.index()));
            }
        }
        if (spec.still() != null) {
            a.addAll(List.of("-frames:v", "1", "-update", "1"));
            a.addAll(spec.container().equals("png") ? List.of("-c:v", "png") : List.of("-c:v", "mjpeg", "-q:v", "2"));
        } else if (spec.video() != null) {
            if (o.videoEncoder() == null) {
                throw new IllegalArgumentException("output " + spec.name() + " has video but no encoder was chosen");
            }
            a.addAll(EncoderOptions.video(o.videoEncoder(), spec.video(), spec.container()));
            if (spec.video().fps() != null) {
                if (spec.timecode()) {
                    throw new IllegalArgumentException("output " + spec.name()
                            + " preserves timecode, so it must keep the source frame rate (fps must be null)");
                }
                a.addAll(List.of("-r", spec.video().fps()));
            }
        }
        if (audio && !source.audio().isEmpty()) {
            a.addAll(audioArguments(spec.audio()));
        }
        if (spec.timecode() && spec.still() == null) {
            if (source.time().startTimecode() != null) {
                a.addAll(List.of("-timecode", source.time().startTimecode()));
            }
            if (spec.video() != null) {
                a.addAll(List.of("-metadata:s:v:0", "reel_name=" + reelName(source)));
            }
        }
        a.addAll(List.of("-f", muxer(spec.container())));
        a.add(FileArgument.of(o.path()));
        return a;
    }

    private static List<String> audioArguments(OutputSpec.Audio audio) {
        List<String> a = new ArrayList<>(List.of("-c:a", audio.codec()));
        if (audio.codec().equals("copy")) {
            return a;
        }
        if (audio.bitrateKbps() != null && !audio.codec().startsWith("pcm_")) {
            a.addAll(List.of("-b:a", audio.bitrateKbps() + "k"));
        }
        if (audio.channels() != null) {
            a.addAll(List.of("-ac", audio.channels().toString()));
        }
        if (audio.sampleRate() != null) {
            a.addAll(List.of("-ar", audio.sampleRate().toString()));
        }
        return a;
    }

    /** The source's reel name, else its file name without extension (what editorial tools show as the clip). */
    static String reelName(MediaMetadata source) {
        if (source.time().reelName() != null) {
            return source.time().reelName();
        }
        String name = source.identity().name();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Seconds into the clip for a still; a percentage needs the duration. Clamped to the last frame so
     * that 100% still yields a picture.
     */
    static double stillPosition(MediaMetadata source, OutputSpec.Still still) {
        if ((still.seconds() == null) == (still.percent() == null)) {
            throw new IllegalArgumentException("a still needs exactly one of seconds or percent");
        }
        Double duration = source.time().durationSeconds();
        double at;
        if (still.seconds() != null) {
            at = still.seconds();
        } else {
            if (duration == null) {
                throw new IllegalArgumentException("cannot take a still at " + still.percent() + "%: source duration unknown");
            }
            at = duration * still.percent() / 100.0;
        }
        if (duration != null) {
            double frame = source.time().frameRate() == null ? 0.1 : 1.0 / source.time().frameRate().toDouble();
            at = Math.min(at, Math.max(0, duration - frame));
        }
        return Math.max(0, at);
    }

    private static String drawtext(OutputSpec.Watermark wm) {
        return "drawtext=text=" + FilterEscaping.optionValue(wm.text())
                + ":expansion=none:fontsize=h/18"
                + ":fontcolor=white@" + decimal(wm.opacity())
                + ":shadowcolor=black@" + decimal(wm.opacity()) + ":shadowx=2:shadowy=2"
                + ":" + position(wm.position(), "w", "h", "tw", "th");
    }

    /** x/y expressions with a 3% margin; {@code W,H} the frame, {@code w,h} the mark, in the filter's own names. */
    private static String position(String position, String frameW, String frameH, String markW, String markH) {
        String left = "x=" + frameW + "*0.03";
        String right = "x=" + frameW + "-" + markW + "-" + frameW + "*0.03";
        String top = "y=" + frameH + "*0.03";
        String bottom = "y=" + frameH + "-" + markH + "-" + frameH + "*0.03";
        String p = position == null ? "bottom-right" : position;
        return switch (p) {
            case "top-left" -> left + ":" + top;
            case "top-right" -> right + ":" + top;
            case "bottom-left" -> left + ":" + bottom;
            case "bottom-right" -> right + ":" + bottom;
            case "center" -> "x=(" + frameW + "-" + markW + ")/2:y=(" + frameH + "-" + markH + ")/2";
            default -> throw new IllegalArgumentException("unknown watermark position '" + position
                    + "' (top-left, top-right, bottom-left, bottom-right, center)");
        };
    }

    private static void checkOpacity(OutputSpec.Watermark wm) {
        if (!(wm.opacity() >= 0 && wm.opacity() <= 1)) {
            throw new IllegalArgumentException("watermark opacity must be between 0 and 1, was " + wm.opacity());
        }
        if ((wm.text() == null) == (wm.image() == null)) {
            throw new IllegalArgumentException("a watermark needs exactly one of text or image");
        }
    }

    /** FFmpeg's muxer for a container name. */
    static String muxer(String container) {
        return switch (container) {
            case "mov" -> "mov";
            case "mp4" -> "mp4";
            case "mxf" -> "mxf";
            case "mkv" -> "matroska";
            case "webm" -> "webm";
            case "jpg", "jpeg", "png" -> "image2";
            default -> throw new IllegalArgumentException("unknown container '" + container + "'");
        };
    }

    private static String chain(List<String> filters) {
        return filters.isEmpty() ? "null" : String.join(",", filters);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String decimal(double d) {
        String s = String.format(Locale.ROOT, "%.3f", d);
        return s.replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }
}
