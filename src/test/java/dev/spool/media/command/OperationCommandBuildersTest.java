package dev.spool.media.command;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The operation command lines, as exact lists. */
class OperationCommandBuildersTest {
    static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    static final List<String> X264 = DeliveryEncoding.videoArgs("libx264");

    @Test
    void delivery_encoding_per_encoder() {
        assertThat(X264).containsExactly("-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p");
        assertThat(DeliveryEncoding.videoArgs("hevc_nvenc")).containsExactly("-c:v", "hevc_nvenc", "-preset", "p4", "-rc",
                "vbr", "-cq", "23", "-pix_fmt", "yuv420p", "-tag:v", "hvc1");
        assertThat(DeliveryEncoding.supports("h264_vaapi")).isFalse();
    }

    @Test
    void sequence_reads_exactly_count_frames_from_the_pattern_and_cuts_audio_to_the_picture() {
        List<String> cmd = new SequenceCommand(FFMPEG, "/jobs/100%%/frames/frame_%06d.png", "30000/1001", 1, 150, true,
                Path.of("/jobs/a b.wav"), X264, Path.of("/out/.spool-tmp-t-a1-x.mp4"), "mp4").build();

        assertThat(cmd).containsExactly("/usr/bin/ffmpeg", "-hide_banner", "-nostats", "-progress", "pipe:1", "-y",
                "-framerate", "30000/1001", "-start_number", "1", "-f", "image2", "-i", "file:/jobs/100%%/frames/frame_%06d.png",
                "-i", "file:/jobs/a b.wav", "-map", "0:v:0", "-map", "1:a:0", "-frames:v", "150",
                "-vf", "scale=out_color_matrix=bt709:out_range=tv", "-colorspace", "bt709", "-color_primaries", "bt709",
                "-color_trc", "bt709", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                "-r", "30000/1001", "-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2", "-af", "apad", "-shortest",
                "-f", "mp4", "file:/out/.spool-tmp-t-a1-x.mp4");
    }

    @Test
    void extract_seeks_on_the_input_and_stream_copy_avoids_negative_timestamps() {
        assertThat(new ExtractCommand(FFMPEG, Path.of("/m/-a.mov"), 0.48, 1.04, null, true, Path.of("/o/c.mov"), "mov").build())
                .containsExactly("/usr/bin/ffmpeg", "-hide_banner", "-nostats", "-progress", "pipe:1", "-y",
                        "-ss", "0.480000", "-i", "file:/m/-a.mov", "-t", "1.040000", "-map", "0:v:0", "-map", "0:a?",
                        "-c", "copy", "-avoid_negative_ts", "make_zero", "-f", "mov", "file:/o/c.mov");
    }

    @Test
    void concat_dissolve_chains_xfade_and_acrossfade_at_cumulative_offsets_and_fills_missing_audio_with_silence() {
        ConcatCommand c = new ConcatCommand(FFMPEG, List.of(new ConcatCommand.Clip(Path.of("/a.mp4"), 2, true),
                new ConcatCommand.Clip(Path.of("/b.mp4"), 3, false), new ConcatCommand.Clip(Path.of("/c.mp4"), 2, true)),
                640, 360, "25", ConcatCommand.Transition.DISSOLVE, 0.5, X264, Path.of("/o.mp4"), "mp4");

        assertThat(c.expectedSeconds()).isEqualTo(6.0);
        String norm = "scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1,"
                + "fps=25,format=yuv420p,trim=duration=";
        assertThat(c.filterGraph().split(";")).containsExactly(
                "[0:v:0]" + norm + "2,setpts=PTS-STARTPTS,settb=AVTB[v0]",
                "[0:a:0]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,apad,atrim=duration=2,asetpts=PTS-STARTPTS[a0]",
                "[1:v:0]" + norm + "3,setpts=PTS-STARTPTS,settb=AVTB[v1]",
                "anullsrc=r=48000:cl=stereo,aformat=sample_fmts=fltp,atrim=duration=3,asetpts=PTS-STARTPTS[a1]",
                "[2:v:0]" + norm + "2,setpts=PTS-STARTPTS,settb=AVTB[v2]",
                "[2:a:0]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,apad,atrim=duration=2,asetpts=PTS-STARTPTS[a2]",
                "[v0][v1]xfade=transition=fade:duration=0.5:offset=1.5[x1]",
                "[a0][a1]acrossfade=d=0.5:c1=tri:c2=tri[y1]",
                "[x1][v2]xfade=transition=fade:duration=0.5:offset=4[vout]",
                "[y1][a2]acrossfade=d=0.5:c1=tri:c2=tri[aout]");
    }

    @Test
    void concat_fade_goes_through_black_at_each_junction_only() {
        ConcatCommand c = new ConcatCommand(FFMPEG, List.of(new ConcatCommand.Clip(Path.of("/a.mp4"), 2, false),
                new ConcatCommand.Clip(Path.of("/b.mp4"), 2, false)), 320, 180, "25", ConcatCommand.Transition.FADE, 0.4,
                X264, Path.of("/o.mp4"), "mp4");

        assertThat(c.expectedSeconds()).isEqualTo(4.0);
        assertThat(c.filterGraph()).contains("setpts=PTS-STARTPTS,fade=t=out:st=1.6:d=0.4,settb=AVTB[v0]",
                "setpts=PTS-STARTPTS,fade=t=in:st=0:d=0.4,settb=AVTB[v1]", "[v0][v1]concat=n=2:v=1:a=0[vout]");
        assertThat(c.build()).doesNotContain("[aout]");
    }

    @Test
    void render_loops_the_still_cuts_at_the_audio_length_and_splits_normalized_audio_for_the_waveform() {
        RenderCommand r = new RenderCommand(FFMPEG, Path.of("/a.wav"), null, "0x102030", 320, 180, 25, true,
                "loudnorm=I=-23:TP=-1:LRA=7:measured_I=-30", 2.5, X264, Path.of("/o.mp4"), "mp4");

        assertThat(r.build()).startsWith("/usr/bin/ffmpeg", "-hide_banner", "-nostats", "-progress", "pipe:1", "-y",
                "-f", "lavfi", "-i", "color=c=0x102030:s=320x180:r=25", "-i", "file:/a.wav", "-filter_complex");
        assertThat(r.build()).endsWith("-t", "2.500000", "-f", "mp4", "file:/o.mp4");
        assertThat(r.filterGraph()).isEqualTo("[0:v]scale=320:180:force_original_aspect_ratio=decrease,pad=320:180:"
                + "(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25,format=yuv420p[bg];"
                + "[1:a:0]loudnorm=I=-23:TP=-1:LRA=7:measured_I=-30,aresample=48000,"
                + "aformat=sample_fmts=fltp:channel_layouts=stereo,asplit=2[aout][aw];"
                + "[aw]showwaves=s=320x60:mode=cline:rate=25:colors=white[w];[bg][w]overlay=0:(H-h)/2,format=yuv420p[vout]");
    }

    @Test
    void loudness_measurement_is_read_from_the_json_at_the_end_of_stderr() {
        List<String> stderr = List.of("[Parsed_loudnorm_0 @ 0x55] ", "{", "\t\"input_i\" : \"-30.12\",",
                "\t\"input_tp\" : \"-27.00\",", "\t\"input_lra\" : \"0.00\",", "\t\"input_thresh\" : \"-40.12\",",
                "\t\"output_i\" : \"-23.01\",", "\t\"target_offset\" : \"0.01\"", "}");

        assertThat(LoudnessMeasurement.parse(stderr)).contains(
                new LoudnessMeasurement("-30.12", "-27.00", "0.00", "-40.12", "0.01"));
        assertThat(LoudnessMeasurement.parse(List.of("no json here"))).isEmpty();
    }

    @Test
    void sprite_keeps_one_frame_per_interval_and_tiles_them() {
        assertThat(ThumbnailCommand.sprite(FFMPEG, Path.of("/v.mp4"), 0.5, 80, 46, 5, 2, Path.of("/s.jpg")))
                .containsSequence("-vf", "fps=2,scale=80:46,setsar=1,tile=5x2", "-frames:v", "1");
    }
}
