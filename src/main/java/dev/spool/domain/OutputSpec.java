package dev.spool.domain;

/**
 * One rendition a task produces from its source: the contract between presets (which resolve to it)
 * and the media layer (which turns it into FFmpeg arguments). Null fields mean "keep the source's value"
 * or "encoder default", never a guess.
 *
 * @param name      short rendition name used in file naming and reports, e.g. {@code proxy}, {@code poster}
 * @param container output container / file extension without dot: mov, mp4, mxf, mkv, webm, jpg, png
 * @param video     video settings; null means no video stream
 * @param audio     audio settings; null means no audio stream
 * @param still     when non-null the output is a single still frame (poster) taken at this position
 * @param timecode  carry the source's start timecode and reel name into the output (editorial relink)
 */
public record OutputSpec(
        String name,
        String container,
        Video video,
        Audio audio,
        Still still,
        boolean timecode) {

    /** Video codec families Spool knows how to choose encoders for. */
    public enum Family { H264, HEVC, AV1, PRORES, DNXHR, MJPEG, PNG }

    /** How to fit the source into the target box. Dimensions are always made even. */
    public enum ScaleMode { FIT, FILL, EXACT }

    /**
     * @param family      codec family; the media layer picks a working encoder for it
     * @param encoder     force one encoder (e.g. {@code libx264}); null lets the media layer choose
     * @param profile     family-specific profile: ProRes {@code proxy|lt|standard|hq|4444}, DNxHR
     *                    {@code dnxhr_lb|dnxhr_sq|dnxhr_hq|dnxhr_hqx|dnxhr_444}, H.264 {@code high|main}, HEVC {@code main10}
     * @param pixFmt      pixel format, e.g. yuv420p, yuv422p10le; null keeps the encoder default
     * @param crf         constant quality for H.264/HEVC/AV1; null uses bitrate or the encoder default
     * @param bitrateKbps target bitrate; null when crf or an intra codec decides
     * @param speed       encoder speed preset (x264 {@code veryfast}, SVT-AV1 {@code 8}); null = default
     * @param gop         keyframe interval in frames; null = encoder default
     * @param scale       target size; null keeps the source size
     * @param fps         output frame rate as a rational string ("30000/1001"); null keeps the source rate
     * @param watermark   burn-in; null for none
     */
    public record Video(
            Family family,
            String encoder,
            String profile,
            String pixFmt,
            Integer crf,
            Integer bitrateKbps,
            String speed,
            Integer gop,
            Scale scale,
            String fps,
            Watermark watermark) {
    }

    /** @param width,height target box; with FIT one of them may be null to keep the aspect ratio */
    public record Scale(ScaleMode mode, Integer width, Integer height) {
    }

    /**
     * Text or image burned into the picture.
     *
     * @param text     text to draw (mutually exclusive with image)
     * @param image    path of a PNG to overlay
     * @param position one of top-left, top-right, bottom-left, bottom-right, center
     * @param opacity  0.0 to 1.0
     */
    public record Watermark(String text, String image, String position, double opacity) {
    }

    /**
     * @param codec       aac, pcm_s16le, pcm_s24le, opus, or {@code copy}
     * @param bitrateKbps for lossy codecs; null = encoder default
     * @param channels    null keeps the source's channel count (editorial proxies must)
     * @param sampleRate  null keeps the source's rate
     */
    public record Audio(String codec, Integer bitrateKbps, Integer channels, Integer sampleRate) {
    }

    /** A still frame at {@code seconds} or at {@code percent} of the duration (exactly one is non-null). */
    public record Still(Double seconds, Double percent) {
    }
}
