package dev.spool.media.command;

import dev.spool.domain.OutputSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Video codec options for one concrete encoder: quality, speed and profile mean different flags
 * for libx264, NVENC, QSV, VAAPI, prores_ks or dnxhd. Pure.
 */
final class EncoderOptions {
    private static final Map<String, String> PRORES_KS_PROFILES = Map.of(
            "proxy", "0", "lt", "1", "standard", "2", "hq", "3", "4444", "4", "4444xq", "5");

    private EncoderOptions() {
    }

    static List<String> video(String encoder, OutputSpec.Video v, String container) {
        List<String> a = new ArrayList<>(List.of("-c:v", encoder));
        Accelerator accel = Accelerator.of(encoder);
        String profile = v.profile();
        String pixFmt = v.pixFmt();
        switch (encoder) {
            case "prores_ks" -> {
                String p = profile == null ? "standard" : profile.toLowerCase();
                if (!PRORES_KS_PROFILES.containsKey(p)) {
                    throw new IllegalArgumentException("unknown ProRes profile '" + profile + "' (proxy, lt, standard, hq, 4444, 4444xq)");
                }
                a.addAll(List.of("-profile:v", PRORES_KS_PROFILES.get(p), "-vendor", "apl0"));
                pixFmt = pixFmt != null ? pixFmt : p.startsWith("4444") ? "yuva444p10le" : "yuv422p10le";
                profile = null;
            }
            case "dnxhd" -> {
                String p = profile == null ? "dnxhr_sq" : profile.toLowerCase();
                a.addAll(List.of("-profile:v", p));
                pixFmt = pixFmt != null ? pixFmt
                        : p.equals("dnxhr_444") ? "yuv444p10le" : p.equals("dnxhr_hqx") ? "yuv422p10le" : "yuv422p";
                profile = null;
            }
            default -> {
                // profile and pixel format are passed as given below
            }
        }
        if (profile != null) {
            a.addAll(List.of("-profile:v", profile));
        }
        if (pixFmt != null && accel != Accelerator.VAAPI) {
            // VAAPI encodes hardware frames; the pixel format is set by the upload filter
            a.addAll(List.of("-pix_fmt", pixFmt));
        }
        if (v.crf() != null) {
            a.addAll(quality(encoder, accel, v.crf()));
        }
        if (v.bitrateKbps() != null) {
            a.addAll(List.of("-b:v", v.bitrateKbps() + "k"));
        }
        if (v.speed() != null) {
            a.addAll(speed(encoder, accel, v.speed()));
        }
        if (v.gop() != null) {
            a.addAll(List.of("-g", v.gop().toString()));
        }
        if (v.family() == OutputSpec.Family.HEVC && (container.equals("mov") || container.equals("mp4"))) {
            // Apple players only accept HEVC tagged hvc1
            a.addAll(List.of("-tag:v", "hvc1"));
        }
        return a;
    }

    private static List<String> quality(String encoder, Accelerator accel, int crf) {
        String q = Integer.toString(crf);
        return switch (accel) {
            case NVENC -> List.of("-rc", "vbr", "-cq", q);
            case QSV -> List.of("-global_quality", q);
            case VAAPI -> List.of("-rc_mode", "CQP", "-qp", q);
            case AMF -> List.of("-rc", "cqp", "-qp_i", q, "-qp_p", q);
            case VIDEOTOOLBOX -> List.of("-q:v", q);
            case CPU -> encoder.equals("libaom-av1") ? List.of("-crf", q, "-b:v", "0") : List.of("-crf", q);
        };
    }

    private static List<String> speed(String encoder, Accelerator accel, String speed) {
        if (encoder.equals("libaom-av1")) {
            return List.of("-cpu-used", speed);
        }
        // OutputSpec.speed is written in CPU encoder terms (x264 "veryfast", SVT-AV1 "8"); hardware
        // encoders name their presets differently, so they keep their defaults
        return accel == Accelerator.CPU ? List.of("-preset", speed) : List.of();
    }
}
