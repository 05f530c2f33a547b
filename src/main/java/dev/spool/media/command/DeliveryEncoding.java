package dev.spool.media.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Video codec flags for the delivery renders of operations (sequence, concat, extract, render): a sensible
 * quality for each concrete encoder, 8-bit 4:2:0 for player compatibility. Pure.
 *
 * <p>VAAPI is not offered here: it needs frames uploaded to the device ({@code hwupload}), which these
 * filter graphs do not do; callers use the CPU encoder instead.
 */
public final class DeliveryEncoding {
    private DeliveryEncoding() {
    }

    /** True when {@link #videoArgs} can drive {@code encoder} with software frames. */
    public static boolean supports(String encoder) {
        return Accelerator.of(encoder) != Accelerator.VAAPI;
    }

    /** {@code -c:v ENCODER} followed by quality, speed and pixel format flags. */
    public static List<String> videoArgs(String encoder) {
        List<String> a = new ArrayList<>(List.of("-c:v", encoder));
        switch (encoder) {
            case "libx264" -> a.addAll(List.of("-preset", "veryfast", "-crf", "20"));
            case "libx265" -> a.addAll(List.of("-preset", "fast", "-crf", "24", "-x265-params", "log-level=error"));
            case "libsvtav1" -> a.addAll(List.of("-preset", "10", "-crf", "35"));
            case "libaom-av1" -> a.addAll(List.of("-cpu-used", "8", "-row-mt", "1", "-crf", "35", "-b:v", "0"));
            default -> {
                switch (Accelerator.of(encoder)) {
                    case NVENC -> a.addAll(List.of("-preset", "p4", "-rc", "vbr", "-cq", "23"));
                    case QSV -> a.addAll(List.of("-global_quality", "23"));
                    case AMF -> a.addAll(List.of("-rc", "cqp", "-qp_i", "23", "-qp_p", "23"));
                    case VIDEOTOOLBOX -> a.addAll(List.of("-q:v", "60"));
                    default -> throw new IllegalArgumentException("no delivery settings for encoder " + encoder);
                }
            }
        }
        a.addAll(List.of("-pix_fmt", Accelerator.of(encoder) == Accelerator.QSV ? "nv12" : "yuv420p"));
        if (encoder.startsWith("hevc") || encoder.equals("libx265")) a.addAll(List.of("-tag:v", "hvc1"));
        return a;
    }

    /** AAC stereo at 48 kHz, what every player accepts in MP4. */
    public static List<String> audioArgs() {
        return List.of("-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2");
    }
}
