package dev.spool.media.probe;

import dev.spool.media.probe.MediaMetadata.FieldOrder;
import dev.spool.media.probe.MediaMetadata.GopStructure;
import dev.spool.media.probe.ProbeResult.Kind;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class MediaProberTest {
    private final MediaProber prober = new MediaProber(TestMedia.tools());

    private MediaMetadata probed(Path file) {
        ProbeResult result = prober.probe(file);
        assertThat(result).as("%s", result).isInstanceOf(ProbeResult.Probed.class);
        return ((ProbeResult.Probed) result).metadata();
    }

    private ProbeResult.Unreadable unreadable(Path file) {
        ProbeResult result = prober.probe(file);
        assertThat(result).as("%s", result).isInstanceOf(ProbeResult.Unreadable.class);
        return (ProbeResult.Unreadable) result;
    }

    @Test
    void h264_long_gop_is_described_fully() throws IOException {
        Path file = TestMedia.h264LongGop();
        MediaMetadata m = probed(file);

        assertThat(m.identity().path()).isEqualTo(file.toAbsolutePath());
        assertThat(m.identity().name()).isEqualTo(file.getFileName().toString());
        assertThat(m.identity().size()).isEqualTo(Files.size(file));
        assertThat(m.identity().modified()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
        assertThat(m.time().durationSeconds()).isCloseTo(2.0, offset(0.1));
        assertThat(m.time().frameRate()).isEqualTo(new Rational(25, 1));
        assertThat(m.time().variableFrameRate()).isFalse();
        assertThat(m.time().startTimecode()).isNull();
        assertThat(m.time().dropFrame()).isNull();
        assertThat(m.image().width()).isEqualTo(320);
        assertThat(m.image().height()).isEqualTo(180);
        assertThat(m.image().displayAspect()).isEqualTo("16:9");
        assertThat(m.image().bitDepth()).isEqualTo(8);
        assertThat(m.image().chromaSubsampling()).isEqualTo("4:2:0");
        assertThat(m.image().fieldOrder()).isEqualTo(FieldOrder.PROGRESSIVE);
        assertThat(m.codec().container()).contains("mp4");
        assertThat(m.codec().codec()).isEqualTo("h264");
        assertThat(m.codec().profile()).isEqualTo("High");
        assertThat(m.codec().level()).matches("\\d\\.\\d");
        assertThat(m.codec().gop()).isEqualTo(GopStructure.LONG_GOP);
        assertThat(m.audio()).singleElement().satisfies(a -> {
            assertThat(a.codec()).isEqualTo("aac");
            assertThat(a.channels()).isEqualTo(2);
            assertThat(a.channelLayout()).isEqualTo("stereo");
            assertThat(a.sampleRate()).isEqualTo(48000);
        });
        assertThat(m.workflow().supported()).isTrue();
        assertThat(m.workflow().warnings()).anyMatch(w -> w.startsWith("long-GOP h264"));
        assertThat(m.assessment().editorialFriendly()).isFalse();
        assertThat(m.assessment().recommendation()).contains("intra-frame editorial proxies");
        assertThat(m.assessment().summary()).startsWith(file.getFileName() + ": 320x180 h264 High 8-bit 4:2:0, 25 fps, 00:00:02.");
    }

    @Test
    void prores_is_intra_and_editorial_friendly() {
        MediaMetadata m = probed(TestMedia.proresIntra());

        assertThat(m.codec().codec()).isEqualTo("prores");
        assertThat(m.codec().profile()).isEqualTo("HQ");
        assertThat(m.codec().gop()).isEqualTo(GopStructure.INTRA);
        assertThat(m.codec().brand()).isEqualTo("qt");
        assertThat(m.time().frameRate()).isEqualTo(new Rational(24000, 1001));
        assertThat(m.time().frameRate().toString()).isEqualTo("24000/1001");
        assertThat(m.assessment().editorialFriendly()).isTrue();
        assertThat(m.audio()).singleElement().extracting(MediaMetadata.AudioTrack::codec).isEqualTo("pcm_s16le");
    }

    @Test
    void ten_bit_422_reports_depth_and_chroma() {
        MediaMetadata m = probed(TestMedia.tenBit422());

        assertThat(m.image().bitDepth()).isEqualTo(10);
        assertThat(m.image().chromaSubsampling()).isEqualTo("4:2:2");
        assertThat(m.image().pixelFormat()).isEqualTo("yuv422p10le");
        assertThat(m.codec().profile()).isEqualTo("High 4:2:2");
    }

    @Test
    void interlaced_reports_field_order_and_warns() {
        MediaMetadata m = probed(TestMedia.interlaced());

        assertThat(m.image().fieldOrder()).isEqualTo(FieldOrder.TOP_FIRST);
        assertThat(m.time().frameRate()).isEqualTo(new Rational(25, 1));
        assertThat(m.workflow().warnings()).anyMatch(w -> w.startsWith("interlaced (tff)"));
    }

    @Test
    void drop_frame_timecode_at_2997_is_exact() {
        MediaMetadata m = probed(TestMedia.dropFrameTimecode2997());

        assertThat(m.time().frameRate()).isEqualTo(new Rational(30000, 1001));
        assertThat(m.time().startTimecode()).isEqualTo("01:00:00;00");
        assertThat(m.time().dropFrame()).isTrue();
        assertThat(m.time().reelName()).isEqualTo("A001");
        assertThat(m.workflow().warnings()).noneMatch(w -> w.contains("timecode"));
    }

    @Test
    void variable_frame_rate_is_detected_and_warned() {
        MediaMetadata m = probed(TestMedia.vfr());

        assertThat(m.time().variableFrameRate()).isTrue();
        assertThat(m.time().averageFrameRate()).isNotEqualTo(m.time().frameRate());
        assertThat(m.workflow().warnings()).anyMatch(w -> w.startsWith("variable frame rate"));
        assertThat(m.assessment().editorialFriendly()).isFalse();
        assertThat(m.assessment().recommendation()).contains("constant frame rate");
    }

    @Test
    void no_audio_is_an_empty_list_and_a_warning() {
        MediaMetadata m = probed(TestMedia.noAudio());

        assertThat(m.audio()).isEmpty();
        assertThat(m.workflow().warnings()).contains("no audio tracks");
        assertThat(m.workflow().supported()).isTrue();
    }

    @Test
    void every_audio_track_is_listed_in_order() {
        MediaMetadata m = probed(TestMedia.multiAudio());

        assertThat(m.audio()).extracting(MediaMetadata.AudioTrack::index, MediaMetadata.AudioTrack::channels,
                        MediaMetadata.AudioTrack::sampleRate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, 2, 48000),
                        org.assertj.core.groups.Tuple.tuple(1, 1, 48000),
                        org.assertj.core.groups.Tuple.tuple(2, 1, 44100));
    }

    @Test
    void awkward_names_are_read_as_files_never_as_options() {
        for (Path file : List.of(TestMedia.dashNamed(), TestMedia.unicodeSpacedName(), TestMedia.shellMetaName())) {
            MediaMetadata m = probed(file);
            assertThat(m.identity().name()).isEqualTo(file.getFileName().toString());
            assertThat(m.codec().codec()).isEqualTo("h264");
        }
    }

    @Test
    void relative_dash_name_is_probed_too() {
        Path relative = Path.of("").toAbsolutePath().relativize(TestMedia.dashNamed());
        assertThat(probed(relative).identity().path()).isEqualTo(TestMedia.dashNamed());
    }

    @Test
    void bad_inputs_are_typed_results_with_a_reason() {
        assertThat(unreadable(TestMedia.zeroByte()).kind()).isEqualTo(Kind.EMPTY);
        assertThat(unreadable(TestMedia.missing()).kind()).isEqualTo(Kind.MISSING);
        assertThat(unreadable(TestMedia.directory()).kind()).isEqualTo(Kind.DIRECTORY);

        ProbeResult.Unreadable truncated = unreadable(TestMedia.truncated());
        assertThat(truncated.kind()).isEqualTo(Kind.DAMAGED);
        assertThat(truncated.message()).contains("moov atom not found");

        ProbeResult.Unreadable text = unreadable(TestMedia.textAsMov());
        assertThat(text.kind()).isEqualTo(Kind.NOT_MEDIA);
        assertThat(text.message()).startsWith("not a media file").doesNotContain("file:/");
    }

    @Test
    void results_are_cached_by_path_size_and_mtime(@TempDir Path dir) throws IOException {
        // given a private copy we can change
        Path copy = Files.copy(TestMedia.noAudio(), dir.resolve("clip.mp4"));
        ProbeCache cache = new ProbeCache();
        MediaProber cached = new MediaProber(TestMedia.tools(), cache, MediaProber.DEFAULT_TIMEOUT);

        MediaMetadata first = ((ProbeResult.Probed) cached.probe(copy)).metadata();
        MediaMetadata second = ((ProbeResult.Probed) cached.probe(copy)).metadata();
        assertThat(second).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);

        // when the file is replaced by another clip
        Files.copy(TestMedia.h264LongGop(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        MediaMetadata third = ((ProbeResult.Probed) cached.probe(copy)).metadata();

        // then the cache does not answer with the old file's metadata
        assertThat(third.audio()).hasSize(1);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void probe_all_keeps_input_order_and_mixes_results() {
        List<Path> inputs = List.of(TestMedia.noAudio(), TestMedia.missing(), TestMedia.proresIntra());
        List<ProbeResult> results = prober.probeAll(inputs, 2);

        assertThat(results).extracting(ProbeResult::path).containsExactlyElementsOf(inputs);
        assertThat(results.get(1)).isInstanceOf(ProbeResult.Unreadable.class);
        assertThat(results.get(2)).isInstanceOf(ProbeResult.Probed.class);
    }
}
