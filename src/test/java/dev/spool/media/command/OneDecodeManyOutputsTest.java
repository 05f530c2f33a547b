package dev.spool.media.command;

import dev.spool.domain.OutputSpec;
import dev.spool.domain.OutputSpec.Family;
import dev.spool.domain.OutputSpec.ScaleMode;
import dev.spool.media.probe.MediaMetadata;
import dev.spool.media.probe.Rational;
import dev.spool.media.run.FfmpegRunner;
import dev.spool.media.run.RunOptions;
import dev.spool.media.run.RunOutcome;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** Real renders: what the builder produces must run, and the files must be what an editor relies on. */
class OneDecodeManyOutputsTest {

    @Test
    void proxy_web_copy_and_poster_come_from_one_ffmpeg_run(@TempDir Path dir) {
        // given a 29.97 drop-frame clip with a reel name, and awkward output names
        MediaMetadata source = TestMedia.probe(TestMedia.dropFrameTimecode2997());
        OutputSpec proxy = new OutputSpec("proxy", "mov",
                new OutputSpec.Video(Family.PRORES, null, "proxy", null, null, null, null, null,
                        new OutputSpec.Scale(ScaleMode.FIT, 160, null), null, null),
                new OutputSpec.Audio("pcm_s16le", null, null, null), null, true);
        OutputSpec web = new OutputSpec("web", "mp4",
                new OutputSpec.Video(Family.H264, null, null, "yuv420p", 28, null, "ultrafast", null,
                        new OutputSpec.Scale(ScaleMode.EXACT, 201, 113), null,
                        new OutputSpec.Watermark("it's 100%: [draft]; a,b \\ c", null, "center", 0.4)),
                new OutputSpec.Audio("aac", 96, 1, 44100), null, false);
        OutputSpec poster = new OutputSpec("poster", "jpg",
                new OutputSpec.Video(Family.MJPEG, null, null, null, null, null, null, null,
                        new OutputSpec.Scale(ScaleMode.FILL, 90, 90), null,
                        new OutputSpec.Watermark(null, TestMedia.logoPng().toString(), "bottom-right", 0.5)),
                null, new OutputSpec.Still(null, 50.0), false);
        Path proxyOut = dir.resolve("-proxy ü.mov.part");
        Path webOut = dir.resolve("web;$(x) 'a'.mp4.part");
        Path posterOut = dir.resolve("poster 50%.jpg.part");

        // when
        List<String> cmd = FfmpegCommandBuilder.build(TestMedia.tools().ffmpeg(), source, List.of(
                new OutputTarget(proxy, proxyOut, "prores_ks", true),
                new OutputTarget(web, webOut, "libx264", true),
                new OutputTarget(poster, posterOut, null, true)));
        RunOutcome outcome = new FfmpegRunner().run(cmd,
                RunOptions.expecting(FfmpegRunner.seconds(source.time().durationSeconds())), p -> { });

        // then
        assertThat(outcome).as("%s", outcome).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder(
                proxyOut.getFileName().toString(), webOut.getFileName().toString(), posterOut.getFileName().toString());

        MediaMetadata p = TestMedia.probe(proxyOut);
        assertThat(p.codec().codec()).isEqualTo("prores");
        assertThat(p.image().width()).isEqualTo(160);
        assertThat(p.image().height()).isEqualTo(90);
        assertThat(p.time().frameRate()).isEqualTo(new Rational(30000, 1001));
        assertThat(p.time().startTimecode()).isEqualTo("01:00:00;00");
        assertThat(p.time().reelName()).isEqualTo("A001");
        assertThat(p.time().durationSeconds()).isCloseTo(source.time().durationSeconds(), offset(0.1));
        assertThat(p.audio()).extracting(MediaMetadata.AudioTrack::channels)
                .containsExactlyElementsOf(source.audio().stream().map(MediaMetadata.AudioTrack::channels).toList());

        MediaMetadata w = TestMedia.probe(webOut);
        assertThat(w.codec().codec()).isEqualTo("h264");
        assertThat(w.image().width()).isEqualTo(200);
        assertThat(w.image().height()).isEqualTo(112);
        assertThat(w.time().startTimecode()).isNull();
        assertThat(w.audio()).singleElement().satisfies(a -> {
            assertThat(a.channels()).isEqualTo(1);
            assertThat(a.sampleRate()).isEqualTo(44100);
        });

        MediaMetadata still = TestMedia.probe(posterOut);
        assertThat(still.codec().codec()).isEqualTo("mjpeg");
        assertThat(still.image().width()).isEqualTo(90);
        assertThat(still.image().height()).isEqualTo(90);
        assertThat(posterOut).isNotEmptyFile();
    }

    @Test
    void an_existing_final_file_is_never_overwritten(@TempDir Path dir) throws Exception {
        Path existing = Files.writeString(dir.resolve("final.mp4"), "precious");
        MediaMetadata source = TestMedia.probe(TestMedia.noAudio());
        OutputSpec web = new OutputSpec("web", "mp4",
                new OutputSpec.Video(Family.H264, null, null, null, null, null, "ultrafast", null, null, null, null), null, null, false);

        RunOutcome outcome = new FfmpegRunner().run(
                FfmpegCommandBuilder.build(TestMedia.tools().ffmpeg(), source, List.of(new OutputTarget(web, existing, "libx264", false))),
                RunOptions.expecting(null), p -> { });

        assertThat(outcome).isInstanceOfSatisfying(RunOutcome.Failed.class, f -> assertThat(f.reason()).contains("already exists"));
        assertThat(Files.readString(existing)).isEqualTo("precious");
    }
}
