package dev.spool.preset;

import dev.spool.domain.OutputSpec;
import dev.spool.domain.OutputSpec.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInPresetLibraryTest {
    private static final PresetRegistry REGISTRY = PresetRegistry.builtIn();

    /** What the issue promises users can pick without writing a preset. */
    private static final List<String> PROMISED = List.of("h264_540p_proxy", "prores_proxy", "prores_lt", "prores_hq",
            "dnxhr_lb", "dnxhr_sq", "dnxhr_hq", "h264_1080p_web", "hevc_10bit", "av1_svt", "poster_jpeg", "editorial");

    /** Outputs an editing application relinks to camera originals. */
    private static final List<String> EDITORIAL = List.of("h264_540p_proxy", "prores_proxy", "prores_lt", "prores_422",
            "prores_hq", "dnxhr_lb", "dnxhr_sq", "dnxhr_hq", "editorial_prores_proxy", "editorial_h264_proxy");

    @Test
    void the_promised_presets_are_built_in() {
        for (String id : PROMISED) assertThat(REGISTRY.resolve(id).id()).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource({
            "prores_proxy, PRORES, proxy, yuv422p10le",
            "prores_lt, PRORES, lt, yuv422p10le",
            "prores_422, PRORES, standard, yuv422p10le",
            "prores_hq, PRORES, hq, yuv422p10le",
            "dnxhr_lb, DNXHR, dnxhr_lb, yuv422p",
            "dnxhr_sq, DNXHR, dnxhr_sq, yuv422p",
            "dnxhr_hq, DNXHR, dnxhr_hq, yuv422p",
            "hevc_10bit, HEVC, main10, yuv420p10le",
            "h264_1080p_web, H264, high, yuv420p",
            "av1_svt, AV1, , yuv420p10le"})
    void codec_family_profile_and_pixel_format_match_the_preset_name(String id, Family family, String profile, String pixFmt) {
        OutputSpec.Video video = REGISTRY.resolve(id).outputSpecs().get(0).video();
        assertThat(video.family()).isEqualTo(family);
        assertThat(video.profile()).isEqualTo(profile);
        assertThat(video.pixFmt()).isEqualTo(pixFmt);
    }

    @Test
    void every_built_in_preset_resolves_to_valid_output_specs() {
        for (String id : allIds()) {
            ResolvedPreset preset = REGISTRY.resolve(id);
            assertThat(preset.outputSpecs()).as(id).isNotEmpty();
            assertThat(preset.outputSpecs()).extracting(OutputSpec::name).as(id).doesNotHaveDuplicates();
            for (OutputSpec spec : preset.outputSpecs()) {
                assertThat(spec.video()).as(id).isNotNull();
                assertThat(CodecPreset.CONTAINERS.get(spec.video().family())).as(id).contains(spec.container());
                OutputSpec.Scale scale = spec.video().scale();
                if (scale != null) {
                    if (scale.width() != null) assertThat(scale.width() % 2).as(id + " width").isZero();
                    if (scale.height() != null) assertThat(scale.height() % 2).as(id + " height").isZero();
                }
                if (spec.still() != null) {
                    assertThat(spec.audio()).as(id).isNull();
                    assertThat(spec.timecode()).as(id).isFalse();
                } else {
                    assertThat(spec.audio()).as(id + " keeps audio").isNotNull();
                }
            }
        }
    }

    @Test
    void editorial_proxies_keep_timecode_reel_rate_and_channel_count() {
        for (String id : EDITORIAL) {
            OutputSpec spec = REGISTRY.resolve(id).outputSpecs().get(0);
            assertThat(spec.timecode()).as(id + " timecode").isTrue();
            assertThat(spec.video().fps()).as(id + " fps").isNull();
            assertThat(spec.audio().channels()).as(id + " channels").isNull();
            assertThat(spec.audio().sampleRate()).as(id + " sample rate").isNull();
        }
    }

    @Test
    void web_deliveries_are_stereo_and_do_not_pretend_to_carry_timecode() {
        for (String id : List.of("h264_1080p_web", "hevc_10bit", "av1_svt")) {
            OutputSpec spec = REGISTRY.resolve(id).outputSpecs().get(0);
            assertThat(spec.audio().channels()).as(id).isEqualTo(2);
            assertThat(spec.timecode()).as(id).isFalse();
        }
    }

    @Test
    void the_h264_proxy_is_fitted_into_540p() {
        assertThat(REGISTRY.resolve("h264_540p_proxy").outputSpecs().get(0).video().scale())
                .isEqualTo(new OutputSpec.Scale(OutputSpec.ScaleMode.FIT, 960, 540));
    }

    @Test
    void the_poster_is_a_jpeg_still() {
        OutputSpec poster = REGISTRY.resolve("poster_jpeg").outputSpecs().get(0);
        assertThat(poster.container()).isEqualTo("jpg");
        assertThat(poster.video().family()).isEqualTo(Family.MJPEG);
        assertThat(poster.still()).isEqualTo(new OutputSpec.Still(null, 10.0));
    }

    @Test
    void the_editorial_bundle_makes_prores_proxy_h264_proxy_and_poster_in_separate_folders() {
        ResolvedPreset editorial = REGISTRY.resolve("editorial");
        assertThat(editorial.bundle()).isTrue();
        assertThat(editorial.outputSpecs()).extracting(s -> s.video().family(), OutputSpec::container)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Family.PRORES, "mov"),
                        org.assertj.core.groups.Tuple.tuple(Family.H264, "mov"),
                        org.assertj.core.groups.Tuple.tuple(Family.MJPEG, "jpg"));
        assertThat(editorial.outputs()).extracting(o -> o.folder().subfolder()).containsExactly("ProRes", "H264", "Posters");
        assertThat(editorial.queue().id()).isEqualTo("default");
    }

    @Test
    void every_global_preset_references_every_category() {
        for (GlobalPreset global : REGISTRY.globalPresets()) {
            assertThat(global.references()).as(global.id()).containsOnlyKeys(PresetCategory.values());
            for (Map.Entry<PresetCategory, String> ref : global.references().entrySet()) {
                assertThat(REGISTRY.categoryPreset(ref.getKey(), ref.getValue())).as(global.id() + " " + ref.getKey()).isPresent();
            }
        }
    }

    private static List<String> allIds() {
        List<String> ids = new java.util.ArrayList<>(REGISTRY.globalPresets().stream().map(GlobalPreset::id).toList());
        REGISTRY.bundles().forEach(b -> ids.add(b.id()));
        return ids;
    }
}
