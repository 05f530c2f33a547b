package dev.spool.media.encoder;

import dev.spool.domain.OutputSpec.Family;

import java.util.List;
import java.util.Map;

/**
 * The encoders Spool knows for each codec family, in selection priority: NVENC, QSV, VAAPI, AMF,
 * VideoToolbox, then the CPU encoder(s), which are the fallback.
 */
public final class EncoderCatalog {
    /** Families {@code spool encoders} reports on. */
    public static final List<Family> REPORTED = List.of(Family.H264, Family.HEVC, Family.AV1, Family.PRORES, Family.DNXHR);

    private static final Map<Family, List<String>> CANDIDATES = Map.of(
            Family.H264, List.of("h264_nvenc", "h264_qsv", "h264_vaapi", "h264_amf", "h264_videotoolbox", "libx264"),
            Family.HEVC, List.of("hevc_nvenc", "hevc_qsv", "hevc_vaapi", "hevc_amf", "hevc_videotoolbox", "libx265"),
            Family.AV1, List.of("av1_nvenc", "av1_qsv", "av1_vaapi", "av1_amf", "libsvtav1", "libaom-av1"),
            Family.PRORES, List.of("prores_videotoolbox", "prores_ks"),
            Family.DNXHR, List.of("dnxhd"),
            Family.MJPEG, List.of("mjpeg"),
            Family.PNG, List.of("png"));

    private static final Map<Family, String> CODEC = Map.of(
            Family.H264, "h264", Family.HEVC, "hevc", Family.AV1, "av1", Family.PRORES, "prores",
            Family.DNXHR, "dnxhd", Family.MJPEG, "mjpeg", Family.PNG, "png");

    private EncoderCatalog() {
    }

    /** Candidates in priority order, hardware first. */
    public static List<String> candidates(Family family) {
        return CANDIDATES.get(family);
    }

    /** FFmpeg's codec id for the family, as {@code -encoders} prints it in "(codec …)". */
    public static String codec(Family family) {
        return CODEC.get(family);
    }
}
