package dev.spool.media.probe;

import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What Spool knows about one source file (the model of 002's metadata engine). Every value comes
 * from ffprobe or the filesystem; a value that neither states is {@code null} — never a guess.
 *
 * @param identity   filesystem identity
 * @param time       duration, frame rate, timecode
 * @param image      picture geometry and sampling of the first video stream; all null without video
 * @param codec      container and video codec
 * @param audio      one entry per audio stream, in stream order; empty when there is none
 * @param workflow   whether Spool can process it, and warnings
 * @param assessment editorial suitability, recommendation and one-line summary
 */
public record MediaMetadata(
        Identity identity, Time time, Image image, Codec codec, List<AudioTrack> audio,
        Workflow workflow, Assessment assessment) {

    public MediaMetadata {
        audio = List.copyOf(audio);
    }

    /** Whether the file has a video stream Spool found. */
    public boolean hasVideo() {
        return codec.codec() != null;
    }

    MediaMetadata withVerdicts(Workflow workflow, Assessment assessment) {
        return new MediaMetadata(identity, time, image, codec, audio, workflow, assessment);
    }

    /**
     * @param path     absolute path
     * @param name     file name
     * @param folder   parent folder
     * @param size     bytes
     * @param modified last modification time
     */
    public record Identity(Path path, String name, Path folder, long size, Instant modified) {
    }

    /**
     * @param durationSeconds   container duration, null when unknown
     * @param frameRate         nominal frame rate as an exact rational (e.g. 30000/1001)
     * @param averageFrameRate  frames per second averaged over the file; differs from frameRate for VFR
     * @param startTimecode     start timecode ({@code HH:MM:SS:FF}, {@code ;} before frames for drop-frame), null when absent
     * @param dropFrame         whether the timecode is drop-frame; null when there is no timecode
     * @param variableFrameRate whether frame durations vary in the first packets; null when it cannot be told
     * @param reelName          reel name stored with the timecode, null when absent
     */
    public record Time(Double durationSeconds, Rational frameRate, Rational averageFrameRate, String startTimecode,
                       Boolean dropFrame, Boolean variableFrameRate, String reelName) {
    }

    /**
     * @param width             coded width in pixels
     * @param height            coded height in pixels
     * @param displayAspect     display aspect ratio as stated by the file, e.g. {@code 16:9}
     * @param sampleAspect      pixel (sample) aspect ratio, e.g. {@code 1:1}
     * @param bitDepth          bits per component
     * @param chromaSubsampling {@code 4:2:0}, {@code 4:2:2}, {@code 4:4:4}, {@code 4:1:1}, {@code 4:0:0}
     * @param pixelFormat       FFmpeg's pixel format name, e.g. {@code yuv422p10le}
     * @param fieldOrder        progressive or the field order of interlaced video
     */
    public record Image(Integer width, Integer height, String displayAspect, String sampleAspect, Integer bitDepth,
                        String chromaSubsampling, String pixelFormat, FieldOrder fieldOrder) {
    }

    /**
     * @param container         FFmpeg demuxer name(s), e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
     * @param containerLongName e.g. {@code QuickTime / MOV}
     * @param brand             ISO base media major brand when present ({@code qt}, {@code isom}, …)
     * @param codec             video codec name, e.g. {@code h264}, {@code prores}; null without video
     * @param profile           codec profile, e.g. {@code High}, {@code HQ}
     * @param level             codec level as written in specs, e.g. {@code 4.1}
     * @param gop               intra-only or long-GOP, from the key-frame flags of the first packets
     */
    public record Codec(String container, String containerLongName, String brand, String codec, String profile,
                        String level, GopStructure gop) {
    }

    /**
     * @param index         audio stream number among audio streams (0 for the first), as in {@code -map 0:a:N}
     * @param codec         e.g. {@code aac}, {@code pcm_s24le}
     * @param channels      channel count
     * @param channelLayout e.g. {@code stereo}, {@code 5.1}; null when unstated
     * @param sampleRate    Hz
     */
    public record AudioTrack(int index, String codec, Integer channels, String channelLayout, Integer sampleRate) {
    }

    /**
     * @param supported  whether Spool can process the file
     * @param skipReason why not, for a human; null when supported
     * @param warnings   non-blocking observations (VFR, long-GOP, interlaced, …)
     */
    public record Workflow(boolean supported, String skipReason, List<String> warnings) {
        public Workflow {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param editorialFriendly whether an editor can cut it natively (intra, constant and standard frame rate)
     * @param recommendation    what to do with it, for a human
     * @param summary           one line for logs and reports
     */
    public record Assessment(boolean editorialFriendly, String recommendation, String summary) {
    }

    /** Whether every frame is a key frame (cheap to cut) or frames depend on others. */
    public enum GopStructure {
        INTRA, LONG_GOP;

        @JsonValue
        public String json() {
            return this == INTRA ? "intra" : "long-gop";
        }
    }

    /** Field order as FFmpeg names it. */
    public enum FieldOrder {
        PROGRESSIVE("progressive"), TOP_FIRST("tff"), BOTTOM_FIRST("bff"),
        TOP_CODED_BOTTOM_FIRST("tb"), BOTTOM_CODED_TOP_FIRST("bt");

        private final String label;

        FieldOrder(String label) {
            this.label = label;
        }

        /** Maps ffprobe's {@code field_order}; null for {@code unknown} or absent. */
        public static FieldOrder fromFfprobe(String value) {
            if (value == null) {
                return null;
            }
            return switch (value) {
                case "progressive" -> PROGRESSIVE;
                case "tt" -> TOP_FIRST;
                case "bb" -> BOTTOM_FIRST;
                case "tb" -> TOP_CODED_BOTTOM_FIRST;
                case "bt" -> BOTTOM_CODED_TOP_FIRST;
                default -> null;
            };
        }

        public boolean interlaced() {
            return this != PROGRESSIVE;
        }

        @JsonValue
        public String label() {
            return label;
        }
    }
}
