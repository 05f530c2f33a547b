package dev.spool.media.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Turns ffprobe's JSON ({@code -show_format -show_streams} plus the first packets with
 * {@code pts,flags}) into {@link MediaMetadata}. Pure: no IO, so it is tested on captured JSON as
 * well as on real files. Values ffprobe does not state stay null.
 */
public final class FfprobeReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEEP_PIX_FMT = Pattern.compile("(\\d+)(le|be)$");
    private static final Set<String> EIGHT_BIT_PIX_FMTS = Set.of(
            "yuv420p", "yuvj420p", "yuva420p", "yuv422p", "yuvj422p", "yuva422p", "yuv444p", "yuvj444p", "yuva444p",
            "yuv411p", "yuvj411p", "yuv410p", "yuv440p", "nv12", "nv16", "nv21", "nv24", "uyvy422", "yuyv422",
            "rgb24", "bgr24", "rgba", "bgra", "argb", "abgr", "rgb0", "bgr0", "0rgb", "0bgr", "gray", "gbrp", "gbrap", "pal8");
    /** Codecs whose every frame is a key frame by definition (used only when no packets were read). */
    private static final Set<String> INTRA_ONLY_CODECS = Set.of(
            "prores", "dnxhd", "mjpeg", "png", "rawvideo", "v210", "v410", "r210", "cfhd", "jpeg2000", "dvvideo", "qtrle", "tiff", "dpx");

    /** Largest B-frame reorder depth we allow for (H.264/HEVC allow 16 reference frames). */
    private static final int MAX_REORDER_DEPTH = 16;

    private FfprobeReader() {
    }

    /** Reads ffprobe's JSON output; verdicts (workflow, assessment) are added by {@link MetadataValidator}. */
    public static MediaMetadata read(MediaMetadata.Identity identity, String ffprobeJson) {
        JsonNode root;
        try {
            root = JSON.readTree(ffprobeJson);
        } catch (IOException e) {
            throw new UncheckedIOException("ffprobe printed invalid JSON", e);
        }
        JsonNode format = root.path("format");
        List<JsonNode> streams = list(root.path("streams"));
        JsonNode video = streams.stream()
                .filter(s -> "video".equals(text(s, "codec_type")))
                .filter(s -> s.path("disposition").path("attached_pic").asInt(0) != 1)
                .findFirst().orElse(null);
        List<JsonNode> videoPackets = video == null ? List.of() : list(root.path("packets")).stream()
                .filter(p -> p.path("stream_index").asInt(-1) == video.path("index").asInt(-2))
                .toList();

        boolean readWasCut = root.path("packets").size() >= MediaProber.PACKETS_READ;
        MediaMetadata.Time time = readTime(format, streams, video, videoPackets, readWasCut);
        MediaMetadata.Image image = video == null
                ? new MediaMetadata.Image(null, null, null, null, null, null, null, null)
                : readImage(video);
        MediaMetadata.Codec codec = new MediaMetadata.Codec(
                text(format, "format_name"), text(format, "format_long_name"),
                Optional.ofNullable(text(format.path("tags"), "major_brand")).map(String::strip).orElse(null),
                video == null ? null : text(video, "codec_name"),
                video == null ? null : text(video, "profile"),
                video == null ? null : level(text(video, "codec_name"), video.path("level")),
                video == null ? null : gop(text(video, "codec_name"), videoPackets));
        List<MediaMetadata.AudioTrack> audio = new ArrayList<>();
        for (JsonNode s : streams) {
            if ("audio".equals(text(s, "codec_type"))) {
                audio.add(new MediaMetadata.AudioTrack(audio.size(), text(s, "codec_name"), positiveInt(s, "channels"),
                        text(s, "channel_layout"), positiveInt(s, "sample_rate")));
            }
        }
        MediaMetadata base = new MediaMetadata(identity, time, image, codec, audio, null, null);
        return MetadataValidator.assess(base);
    }

    private static MediaMetadata.Time readTime(JsonNode format, List<JsonNode> streams, JsonNode video, List<JsonNode> packets,
                                               boolean readWasCut) {
        Double duration = positiveDouble(format, "duration");
        if (duration == null && video != null) {
            duration = positiveDouble(video, "duration");
        }
        Rational rate = null;
        Rational average = null;
        Boolean vfr = null;
        if (video != null) {
            Optional<Rational> r = Rational.parse(text(video, "r_frame_rate"));
            Optional<Rational> avg = Rational.parse(text(video, "avg_frame_rate"));
            average = avg.orElse(null);
            // r_frame_rate is the nominal rate, except that field-coded streams report the field rate: prefer
            // the average when it is exactly the nominal rate or half of it.
            if (avg.isPresent() && (r.isEmpty() || avg.get().equals(r.get()) || avg.get().times(2).equals(r.get()))) {
                rate = avg.get();
            } else {
                rate = r.orElse(null);
            }
            vfr = variableFrameRate(packets, readWasCut);
        }
        String timecode = firstTag(format, streams, "timecode");
        Boolean dropFrame = timecode == null ? null : (timecode.contains(";") || timecode.contains("."));
        return new MediaMetadata.Time(duration, rate, average, timecode, dropFrame, vfr, firstTag(format, streams, "reel_name"));
    }

    /**
     * Frame durations of the first packets, in the stream's own time base (exact integers). Variable
     * when they spread by more than a tick plus 10% — a tick absorbs rounding of 1/1000 time bases
     * (Matroska's 33/34 ms at 29.97 fps). Packets come in decode order, so the last few presentation
     * times of a cut-off read may still miss reordered B-frames; those are left out.
     */
    static Boolean variableFrameRate(List<JsonNode> packets, boolean readWasCut) {
        long[] all = packets.stream().map(p -> p.get("pts")).filter(n -> n != null && n.canConvertToLong())
                .mapToLong(JsonNode::asLong).sorted().distinct().toArray();
        long[] pts = readWasCut ? Arrays.copyOf(all, all.length - Math.min(MAX_REORDER_DEPTH, all.length / 4)) : all;
        if (pts.length < 3) {
            return null;
        }
        long[] deltas = new long[pts.length - 1];
        for (int i = 1; i < pts.length; i++) {
            deltas[i - 1] = pts[i] - pts[i - 1];
        }
        long[] sorted = deltas.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        long spread = sorted[sorted.length - 1] - sorted[0];
        return spread > Math.max(1, median / 10) + 1;
    }

    private static MediaMetadata.GopStructure gop(String codec, List<JsonNode> packets) {
        if (packets.size() >= 2) {
            boolean allKey = packets.stream().allMatch(p -> text(p, "flags") != null && text(p, "flags").contains("K"));
            return allKey ? MediaMetadata.GopStructure.INTRA : MediaMetadata.GopStructure.LONG_GOP;
        }
        return codec != null && INTRA_ONLY_CODECS.contains(codec) ? MediaMetadata.GopStructure.INTRA : null;
    }

    private static MediaMetadata.Image readImage(JsonNode video) {
        String pixFmt = text(video, "pix_fmt");
        Integer bitDepth = positiveInt(video, "bits_per_raw_sample");
        if (bitDepth == null) {
            bitDepth = bitDepth(pixFmt);
        }
        return new MediaMetadata.Image(positiveInt(video, "width"), positiveInt(video, "height"),
                ratio(text(video, "display_aspect_ratio")), ratio(text(video, "sample_aspect_ratio")),
                bitDepth, chroma(pixFmt), pixFmt, MediaMetadata.FieldOrder.fromFfprobe(text(video, "field_order")));
    }

    /** Bits per component defined by an FFmpeg pixel format name; null for names we do not know. */
    static Integer bitDepth(String pixFmt) {
        if (pixFmt == null) {
            return null;
        }
        if (EIGHT_BIT_PIX_FMTS.contains(pixFmt)) {
            return 8;
        }
        if (pixFmt.matches("(rgb|bgr)(48|a64|64)(le|be)")) {
            return 16;
        }
        Matcher m = DEEP_PIX_FMT.matcher(pixFmt);
        return m.find() ? Integer.valueOf(Integer.parseInt(m.group(1))) : null;
    }

    /** Chroma subsampling defined by an FFmpeg pixel format name; null for names we do not know. */
    static String chroma(String pixFmt) {
        if (pixFmt == null) {
            return null;
        }
        String f = pixFmt.toLowerCase(Locale.ROOT);
        if (f.matches("(yuvj?a?420|nv12|nv21|p010|p016|p012).*")) {
            return "4:2:0";
        }
        if (f.matches("(yuvj?a?422|nv16|nv20|uyvy422|yuyv422|y210|v210).*")) {
            return "4:2:2";
        }
        if (f.matches("(yuvj?a?444|nv24|gbr|rgb|bgr|argb|abgr|0rgb|0bgr|x2rgb|x2bgr|ayuv|v410).*")) {
            return "4:4:4";
        }
        if (f.matches("yuvj?411.*")) {
            return "4:1:1";
        }
        if (f.startsWith("gray")) {
            return "4:0:0";
        }
        return null;
    }

    /** Levels as specs write them: H.264 stores 41 for 4.1, HEVC 123 for 4.1 (times 30). */
    static String level(String codec, JsonNode levelNode) {
        if (!levelNode.canConvertToInt() || levelNode.asInt() <= 0) {
            return null;
        }
        int level = levelNode.asInt();
        if ("h264".equals(codec)) {
            return level / 10 + "." + level % 10;
        }
        if ("hevc".equals(codec)) {
            int tenths = level / 3;
            return tenths / 10 + "." + tenths % 10;
        }
        return Integer.toString(level);
    }

    private static String firstTag(JsonNode format, List<JsonNode> streams, String tag) {
        String value = text(format.path("tags"), tag);
        for (int i = 0; value == null && i < streams.size(); i++) {
            value = text(streams.get(i).path("tags"), tag);
        }
        return value;
    }

    private static String ratio(String value) {
        return value == null || value.startsWith("0:") || value.endsWith(":0") || value.equals("N/A") ? null : value;
    }

    private static List<JsonNode> list(JsonNode array) {
        return array.isArray() ? StreamSupport.stream(array.spliterator(), false).toList() : List.of();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() || s.equals("N/A") || s.equals("unknown") ? null : s;
    }

    private static Integer positiveInt(JsonNode node, String field) {
        String s = text(node, field);
        try {
            int v = s == null ? 0 : Integer.parseInt(s.strip());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double positiveDouble(JsonNode node, String field) {
        String s = text(node, field);
        try {
            double v = s == null ? 0 : Double.parseDouble(s.strip());
            return v > 0 && Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
