package dev.spool.preset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spool.domain.OutputSpec;
import dev.spool.domain.OutputSpec.Family;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CODEC: what one rendition is encoded as: codec family and its settings, container, audio,
 * timecode carry-over, or a still frame (poster). Scaling and watermark come from their own categories.
 *
 * <p>File fields (snake_case): {@code id, description, family, encoder, profile, pix_fmt, crf,
 * bitrate_kbps, speed, gop, fps, container, audio, still, timecode}. {@code audio} is required for
 * moving-picture outputs and is either an object ({@code codec, bitrate_kbps, channels, sample_rate}) or
 * the text {@code none}; stills have no audio. {@code timecode} defaults to false.
 *
 * <p>Editorial proxies set {@code timecode: true} and leave {@code fps} and {@code audio.channels} unset so
 * an editing application can relink them to the camera originals (same start timecode, reel, rate, channels).
 *
 * @param audio null means the output has no audio stream
 * @param still non-null for a single-frame output (poster)
 */
public record CodecPreset(
        String id,
        String description,
        Family family,
        String encoder,
        String profile,
        String pixFmt,
        Integer crf,
        Integer bitrateKbps,
        String speed,
        Integer gop,
        String fps,
        String container,
        OutputSpec.Audio audio,
        OutputSpec.Still still,
        boolean timecode) implements CategoryPreset {

    /** Containers each family may be written into. */
    static final Map<Family, Set<String>> CONTAINERS = Map.of(
            Family.PRORES, Set.of("mov"),
            Family.DNXHR, Set.of("mov", "mxf"),
            Family.H264, Set.of("mp4", "mov", "mkv"),
            Family.HEVC, Set.of("mp4", "mov", "mkv"),
            Family.AV1, Set.of("mp4", "mkv", "webm"),
            Family.MJPEG, Set.of("jpg"),
            Family.PNG, Set.of("png"));

    /** Profiles per family; a family absent here takes no profile. */
    static final Map<Family, List<String>> PROFILES = Map.of(
            Family.PRORES, List.of("proxy", "lt", "standard", "hq", "4444"),
            Family.DNXHR, List.of("dnxhr_lb", "dnxhr_sq", "dnxhr_hq", "dnxhr_hqx", "dnxhr_444"),
            Family.H264, List.of("baseline", "main", "high", "high10", "high422"),
            Family.HEVC, List.of("main", "main10"));

    /** Pixel formats a profile can actually be encoded in; others make FFmpeg fail at run time. */
    static final Map<String, Set<String>> PROFILE_PIX_FMTS = Map.ofEntries(
            Map.entry("prores:proxy", Set.of("yuv422p10le")),
            Map.entry("prores:lt", Set.of("yuv422p10le")),
            Map.entry("prores:standard", Set.of("yuv422p10le")),
            Map.entry("prores:hq", Set.of("yuv422p10le")),
            Map.entry("prores:4444", Set.of("yuv444p10le", "yuva444p10le")),
            Map.entry("dnxhr:dnxhr_lb", Set.of("yuv422p")),
            Map.entry("dnxhr:dnxhr_sq", Set.of("yuv422p")),
            Map.entry("dnxhr:dnxhr_hq", Set.of("yuv422p")),
            Map.entry("dnxhr:dnxhr_hqx", Set.of("yuv422p10le")),
            Map.entry("dnxhr:dnxhr_444", Set.of("yuv444p10le")),
            Map.entry("hevc:main", Set.of("yuv420p")),
            Map.entry("hevc:main10", Set.of("yuv420p10le")));

    /** Audio codecs each container can hold. */
    static final Map<String, Set<String>> AUDIO_CODECS = Map.of(
            "mov", Set.of("aac", "pcm_s16le", "pcm_s24le", "copy"),
            "mp4", Set.of("aac", "opus", "copy"),
            "mxf", Set.of("pcm_s16le", "pcm_s24le", "copy"),
            "mkv", Set.of("aac", "opus", "pcm_s16le", "pcm_s24le", "copy"),
            "webm", Set.of("opus"));

    static final Set<String> TIMECODE_CONTAINERS = Set.of("mov", "mp4", "mxf");
    static final List<String> X26X_SPEEDS = List.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow");
    private static final Set<Family> STILL_FAMILIES = EnumSet.of(Family.MJPEG, Family.PNG);
    private static final Set<Family> QUALITY_FAMILIES = EnumSet.of(Family.H264, Family.HEVC, Family.AV1);
    private static final Pattern RATIONAL = Pattern.compile("[1-9][0-9]{0,5}(/[1-9][0-9]{0,4})?");
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9_]+");
    /** Encoder names may contain '-' (libaom-av1) but never start with it, so they can't read as options. */
    private static final Pattern ENCODER = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    @Override
    public PresetCategory category() {
        return PresetCategory.CODEC;
    }

    /** True for a single-frame output. */
    public boolean producesStill() {
        return still != null;
    }

    /** The video part of an {@link OutputSpec} with the given scale and watermark. */
    public OutputSpec.Video video(OutputSpec.Scale scale, OutputSpec.Watermark watermark) {
        return new OutputSpec.Video(family, encoder, profile, pixFmt, crf, bitrateKbps, speed, gop, scale, fps, watermark);
    }

    /** Reads and validates one codec preset; null when it has problems (recorded in the reader). */
    static CodecPreset read(StrictObjectReader r, String id, String description) {
        Family family = r.requiredChoice("family", Family.class);
        String encoder = r.optionalText("encoder");
        String profile = r.optionalToken("profile");
        String pixFmt = r.optionalText("pix_fmt");
        Integer crf = r.optionalInt("crf", 0, 63);
        Integer bitrate = r.optionalInt("bitrate_kbps", 1, 2_000_000);
        String speed = r.optionalToken("speed");
        Integer gop = r.optionalInt("gop", 1, 10_000);
        String fps = null;
        JsonNode fpsValue = r.raw("fps");
        if (fpsValue != null && fpsValue.isFloatingPointNumber()) {
            // 29.97 is not 30000/1001; a decimal rate would drift against the source's timecode.
            r.problem("fps", "write frame rates as a whole number or an exact rational such as \"30000/1001\" (for 29.97), got " + fpsValue.asText());
        } else {
            fps = r.optionalToken("fps");
        }
        String container = r.requiredText("container");
        boolean hasAudio = r.has("audio");
        OutputSpec.Audio audio = readAudio(r);
        OutputSpec.Still still = readStill(r.optionalObject("still"));
        boolean timecode = r.optionalBoolean("timecode", false);

        if (encoder != null && !ENCODER.matcher(encoder).matches()) r.problem("encoder", "must be an FFmpeg encoder name like libx264, got '" + encoder + "'");
        if (pixFmt != null && !TOKEN.matcher(pixFmt).matches()) r.problem("pix_fmt", "must be an FFmpeg pixel format like yuv422p10le, got '" + pixFmt + "'");
        if (fps != null && !RATIONAL.matcher(fps).matches()) {
            r.problem("fps", "must be a whole number or a rational like \"30000/1001\", got '" + fps + "'");
        }
        if (family != null) {
            checkFamily(r, family, profile, pixFmt, crf, bitrate, speed, gop, container);
            boolean stillFamily = STILL_FAMILIES.contains(family);
            if (stillFamily && still == null && !r.has("still")) r.problem("still", "a " + lower(family) + " output is a still frame: set still.seconds or still.percent");
            if (!stillFamily && still != null) r.problem("still", "only mjpeg and png outputs are stills");
            if (stillFamily && hasAudio) r.problem("audio", "a still has no audio; remove this field");
            if (!stillFamily && !hasAudio) r.problem("audio", "required: an object {codec: ...} or the text 'none' for no audio");
            if (stillFamily && timecode) r.problem("timecode", "a still has no timecode");
            if (stillFamily && fps != null) r.problem("fps", "a still has no frame rate");
        }
        if (container != null && timecode && !TIMECODE_CONTAINERS.contains(container)) {
            r.problem("timecode", "container " + container + " cannot carry a timecode track; use mov, mp4 or mxf");
        }
        if (audio != null && container != null && AUDIO_CODECS.containsKey(container)
                && !AUDIO_CODECS.get(container).contains(audio.codec())) {
            r.add(new InvalidPresetValueException(r.at("audio").child("codec"), "audio codec " + audio.codec()
                    + " cannot be written into " + container + "; allowed: " + sorted(AUDIO_CODECS.get(container))));
        }
        r.finish();
        if (r.hasProblems()) return null;
        return new CodecPreset(id, description, family, encoder, profile, pixFmt, crf, bitrate, speed, gop, fps,
                container, audio, still, timecode);
    }

    private static void checkFamily(StrictObjectReader r, Family family, String profile, String pixFmt, Integer crf,
                                    Integer bitrate, String speed, Integer gop, String container) {
        String name = lower(family);
        if (container != null && !CONTAINERS.get(family).contains(container)) {
            r.problem("container", name + " cannot be written into '" + container + "'; allowed: " + sorted(CONTAINERS.get(family)));
        }
        List<String> profiles = PROFILES.get(family);
        if (profiles == null && profile != null) {
            r.problem("profile", name + " takes no profile");
        } else if (profiles != null && profile == null && (family == Family.PRORES || family == Family.DNXHR)) {
            r.add(new MissingFieldException(r.at("profile"), "profile (one of " + String.join(", ", profiles) + ")"));
        } else if (profiles != null && profile != null && !profiles.contains(profile)) {
            r.problem("profile", "unknown " + name + " profile '" + profile + "'; one of: " + String.join(", ", profiles));
        }
        Set<String> pixFmts = profile == null ? null : PROFILE_PIX_FMTS.get(name + ":" + profile);
        if (pixFmt != null && pixFmts != null && !pixFmts.contains(pixFmt)) {
            r.problem("pix_fmt", name + " profile " + profile + " needs " + String.join(" or ", pixFmts.stream().sorted().toList()) + ", got " + pixFmt);
        }
        boolean quality = QUALITY_FAMILIES.contains(family);
        int maxCrf = family == Family.AV1 ? 63 : 51;
        if (crf != null && !quality) r.problem("crf", name + " has no constant-quality mode; crf applies to h264, hevc and av1");
        if (crf != null && quality && crf > maxCrf) r.problem("crf", name + " crf must be between 0 and " + maxCrf + ", got " + crf);
        if (bitrate != null && !quality) r.problem("bitrate_kbps", name + " bitrate is decided by its profile; remove bitrate_kbps");
        if (bitrate != null && crf != null) r.problem("bitrate_kbps", "set either crf or bitrate_kbps, not both");
        if (gop != null && !quality) r.problem("gop", name + " is intra-frame only; remove gop");
        if (speed != null) {
            if (family == Family.H264 || family == Family.HEVC) {
                if (!X26X_SPEEDS.contains(speed)) r.problem("speed", "unknown speed '" + speed + "'; one of: " + String.join(", ", X26X_SPEEDS));
            } else if (family == Family.AV1) {
                if (!speed.matches("[0-9]|1[0-3]")) r.problem("speed", "SVT-AV1 speed must be 0 to 13, got '" + speed + "'");
            } else {
                r.problem("speed", name + " has no speed setting");
            }
        }
    }

    private static OutputSpec.Audio readAudio(StrictObjectReader r) {
        JsonNode value = r.raw("audio");
        if (value == null) return null;
        if (value.isTextual()) {
            if (!value.textValue().equals("none")) r.problem("audio", "must be an object {codec: ...} or the text 'none'");
            return null;
        }
        StrictObjectReader a = r.optionalObject("audio");
        String codec = a.requiredText("codec");
        Integer bitrate = a.optionalInt("bitrate_kbps", 8, 1536);
        Integer channels = a.optionalInt("channels", 1, 32);
        Integer sampleRate = a.optionalInt("sample_rate", 8000, 192_000);
        Set<String> codecs = Set.of("aac", "opus", "pcm_s16le", "pcm_s24le", "copy");
        if (codec != null && !codecs.contains(codec)) a.problem("codec", "unknown audio codec '" + codec + "'; one of: " + sorted(codecs));
        if (bitrate != null && codec != null && !codec.equals("aac") && !codec.equals("opus")) {
            a.problem("bitrate_kbps", "only aac and opus take a bitrate");
        }
        if ("copy".equals(codec) && (channels != null || sampleRate != null)) {
            a.problem("codec", "copy keeps the source audio as is; remove channels and sample_rate");
        }
        a.finish();
        return codec == null ? null : new OutputSpec.Audio(codec, bitrate, channels, sampleRate);
    }

    private static OutputSpec.Still readStill(StrictObjectReader s) {
        if (s == null) return null;
        Double seconds = s.optionalNumber("seconds", 0, 1_000_000);
        Double percent = s.optionalNumber("percent", 0, 100);
        if ((seconds == null) == (percent == null) && !s.hasProblems()) {
            s.problem("seconds", "set exactly one of still.seconds or still.percent");
        }
        s.finish();
        return new OutputSpec.Still(seconds, percent);
    }

    private static String lower(Family family) {
        return family.name().toLowerCase(Locale.ROOT);
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
