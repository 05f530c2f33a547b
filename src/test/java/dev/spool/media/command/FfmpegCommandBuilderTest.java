package dev.spool.media.command;

import dev.spool.domain.OutputSpec;
import dev.spool.domain.OutputSpec.Family;
import dev.spool.domain.OutputSpec.ScaleMode;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.probe.Rational;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FfmpegCommandBuilderTest {
    static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    /** A 1920x1080 29.97 clip with drop-frame timecode and two audio tracks. */
    static MediaMetadata cameraClip() {
        return new MediaMetadata(
                new MediaMetadata.Identity(Path.of("/card/-A001 C003.mov"), "-A001 C003.mov", Path.of("/card"), 1000, Instant.EPOCH),
                new MediaMetadata.Time(10.0, new Rational(30000, 1001), new Rational(30000, 1001), "01:00:00;00", true, false, null),
                new MediaMetadata.Image(1920, 1080, "16:9", "1:1", 10, "4:2:2", "yuv422p10le", MediaMetadata.FieldOrder.PROGRESSIVE),
                new MediaMetadata.Codec("mov,mp4,m4a,3gp,3g2,mj2", "QuickTime / MOV", "qt", "h264", "High 4:2:2", "5.1",
                        MediaMetadata.GopStructure.LONG_GOP),
                List.of(new MediaMetadata.AudioTrack(0, "pcm_s24le", 2, "stereo", 48000),
                        new MediaMetadata.AudioTrack(1, "pcm_s24le", 1, "mono", 48000)),
                null, null);
    }

    static OutputSpec.Video video(Family family, String profile, OutputSpec.Scale scale, OutputSpec.Watermark wm) {
        return new OutputSpec.Video(family, null, profile, null, null, null, null, null, scale, null, wm);
    }

    static final OutputSpec PROXY = new OutputSpec("proxy", "mov",
            video(Family.PRORES, "proxy", new OutputSpec.Scale(ScaleMode.FIT, 960, 540), null),
            new OutputSpec.Audio("pcm_s16le", null, null, null), null, true);
    static final OutputSpec WEB = new OutputSpec("web", "mp4",
            new OutputSpec.Video(Family.H264, null, "high", "yuv420p", 23, null, "veryfast", 48,
                    new OutputSpec.Scale(ScaleMode.FIT, 640, null), null, new OutputSpec.Watermark("Spool: it's 100%, [draft]", null, "bottom-right", 0.5)),
            new OutputSpec.Audio("aac", 128, 2, 48000), null, false);
    static final OutputSpec POSTER = new OutputSpec("poster", "jpg",
            video(Family.MJPEG, null, new OutputSpec.Scale(ScaleMode.FILL, 320, 180), null), null, new OutputSpec.Still(null, 50.0), false);

    @Test
    void one_decode_feeds_proxy_web_and_poster_in_the_documented_order() {
        List<String> args = FfmpegCommandBuilder.build(FFMPEG, cameraClip(), List.of(
                new OutputTarget(PROXY, Path.of("/out/-A001 C003_proxy.mov.part"), "prores_ks", true),
                new OutputTarget(WEB, Path.of("/out/web;rm -rf $HOME.mp4.part"), "libx264", true),
                new OutputTarget(POSTER, Path.of("/out/poster.jpg.part"), null, true)));

        assertThat(args).containsExactly(
                "/usr/bin/ffmpeg",
                "-hide_banner", "-nostats", "-progress", "pipe:1", "-y",
                "-i", "file:/card/-A001 C003.mov",
                "-filter_complex", "[0:v:0]split=3[s0][s1][s2];"
                        + "[s0]scale=960:540,setsar=1[v0];"
                        + "[s1]scale=640:360,setsar=1,drawtext=text=Spool\\\\: it\\\\\\'s 100%\\, \\[draft\\]"
                        + ":expansion=none:fontsize=h/18:fontcolor=white@0.5:shadowcolor=black@0.5:shadowx=2:shadowy=2"
                        + ":x=w-tw-w*0.03:y=h-th-h*0.03[v1];"
                        + "[s2]setpts=PTS-STARTPTS,trim=start=5.000,scale=320:180,setsar=1,crop=320:180[v2]",
                "-map", "[v0]", "-map", "0:a:0", "-map", "0:a:1",
                "-c:v", "prores_ks", "-profile:v", "0", "-vendor", "apl0", "-pix_fmt", "yuv422p10le",
                "-c:a", "pcm_s16le",
                "-timecode", "01:00:00;00", "-metadata:s:v:0", "reel_name=-A001 C003",
                "-f", "mov", "file:/out/-A001 C003_proxy.mov.part",
                "-map", "[v1]", "-map", "0:a:0", "-map", "0:a:1",
                "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p", "-crf", "23", "-preset", "veryfast", "-g", "48",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000",
                "-f", "mp4", "file:/out/web;rm -rf $HOME.mp4.part",
                "-map", "[v2]", "-frames:v", "1", "-update", "1", "-c:v", "mjpeg", "-q:v", "2",
                "-f", "image2", "file:/out/poster.jpg.part");
    }

    @Test
    void a_single_output_needs_no_split_and_existing_final_paths_are_never_overwritten() {
        OutputSpec plain = new OutputSpec("mezz", "mxf", video(Family.DNXHR, "dnxhr_hq", null, null),
                new OutputSpec.Audio("pcm_s24le", null, null, null), null, false);

        List<String> args = FfmpegCommandBuilder.build(FFMPEG, cameraClip(),
                List.of(new OutputTarget(plain, Path.of("relative/out.mxf"), "dnxhd", false)));

        assertThat(args).containsExactly(
                "/usr/bin/ffmpeg", "-hide_banner", "-nostats", "-progress", "pipe:1", "-n",
                "-i", "file:/card/-A001 C003.mov",
                "-filter_complex", "[0:v:0]null[v0]",
                "-map", "[v0]", "-map", "0:a:0", "-map", "0:a:1",
                "-c:v", "dnxhd", "-profile:v", "dnxhr_hq", "-pix_fmt", "yuv422p",
                "-c:a", "pcm_s24le",
                "-f", "mxf", "file:" + Path.of("relative/out.mxf").toAbsolutePath());
    }

    @Test
    void image_watermark_is_an_extra_input_blended_with_opacity() {
        OutputSpec marked = new OutputSpec("review", "mp4",
                video(Family.H264, null, null, new OutputSpec.Watermark(null, "/logos/-logo.png", "top-left", 0.25)), null, null, false);

        List<String> args = FfmpegCommandBuilder.build(FFMPEG, cameraClip(),
                List.of(new OutputTarget(marked, Path.of("/out/r.mp4"), "libx264", true)));

        assertThat(args).containsSubsequence("-i", "file:/card/-A001 C003.mov", "-i", "file:/logos/-logo.png",
                "-filter_complex", "[0:v:0]null[b0];[1:v]format=rgba,colorchannelmixer=aa=0.25[w0];[b0][w0]overlay=x=W*0.03:y=H*0.03[v0]",
                "-map", "[v0]", "-c:v", "libx264", "-f", "mp4", "file:/out/r.mp4");
        assertThat(args).doesNotContain("0:a:0");
    }

    @Test
    void vaapi_gets_its_device_and_upload_and_nvenc_its_quality_flags() {
        OutputSpec h264 = new OutputSpec("h", "mp4",
                new OutputSpec.Video(Family.H264, null, null, "yuv420p", 21, null, "veryfast", null, null, null, null), null, null, false);

        List<String> vaapi = FfmpegCommandBuilder.build(FFMPEG, cameraClip(), List.of(new OutputTarget(h264, Path.of("/o.mp4"), "h264_vaapi", true)));
        List<String> nvenc = FfmpegCommandBuilder.build(FFMPEG, cameraClip(), List.of(new OutputTarget(h264, Path.of("/o.mp4"), "h264_nvenc", true)));

        assertThat(vaapi).containsSubsequence("-vaapi_device", "/dev/dri/renderD128", "-i", "-filter_complex",
                "[0:v:0]format=nv12,hwupload[v0]", "-c:v", "h264_vaapi", "-rc_mode", "CQP", "-qp", "21");
        assertThat(vaapi).doesNotContain("-pix_fmt", "-preset");
        assertThat(nvenc).containsSubsequence("-c:v", "h264_nvenc", "-pix_fmt", "yuv420p", "-rc", "vbr", "-cq", "21");
        assertThat(nvenc).doesNotContain("-preset", "-vaapi_device");
    }

    @Test
    void still_positions_are_clamped_and_need_a_duration_for_percent() {
        MediaMetadata clip = cameraClip();
        assertThat(FfmpegCommandBuilder.stillPosition(clip, new OutputSpec.Still(2.5, null))).isEqualTo(2.5);
        assertThat(FfmpegCommandBuilder.stillPosition(clip, new OutputSpec.Still(null, 100.0))).isLessThan(10.0).isGreaterThan(9.9);
        assertThat(FfmpegCommandBuilder.stillPosition(clip, new OutputSpec.Still(60.0, null))).isLessThan(10.0);

        MediaMetadata noDuration = new MediaMetadata(clip.identity(),
                new MediaMetadata.Time(null, null, null, null, null, null, null), clip.image(), clip.codec(), clip.audio(), null, null);
        assertThatThrownBy(() -> FfmpegCommandBuilder.stillPosition(noDuration, new OutputSpec.Still(null, 10.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration unknown");
    }

    @Test
    void timecode_preservation_refuses_a_frame_rate_change() {
        OutputSpec conformed = new OutputSpec("p", "mov",
                new OutputSpec.Video(Family.PRORES, null, "proxy", null, null, null, null, null, null, "25", null), null, null, true);

        assertThatThrownBy(() -> FfmpegCommandBuilder.build(FFMPEG, cameraClip(),
                List.of(new OutputTarget(conformed, Path.of("/o.mov"), "prores_ks", true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep the source frame rate");
    }
}
