package dev.spool.media.command;

/**
 * Where an encoder runs, told by FFmpeg's naming convention ({@code h264_nvenc}, {@code hevc_qsv}, …).
 * Declared in selection priority order: the first usable one wins.
 */
public enum Accelerator {
    NVENC("_nvenc"), QSV("_qsv"), VAAPI("_vaapi"), AMF("_amf"), VIDEOTOOLBOX("_videotoolbox"), CPU("");

    private final String suffix;

    Accelerator(String suffix) {
        this.suffix = suffix;
    }

    /** The accelerator of an encoder; CPU for software encoders such as libx264 or prores_ks. */
    public static Accelerator of(String encoder) {
        for (Accelerator a : values()) {
            if (a != CPU && encoder.endsWith(a.suffix)) {
                return a;
            }
        }
        return CPU;
    }

    public boolean isHardware() {
        return this != CPU;
    }
}
