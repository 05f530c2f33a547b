package dev.spool.preset;

import dev.spool.domain.OutputSpec;
import dev.spool.domain.RecoveryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.spool.preset.PresetFiles.BUILT_IN_REFERENCES;
import static dev.spool.preset.PresetFiles.loadFailing;
import static dev.spool.preset.PresetFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class PresetLoadingTest {
    @TempDir
    Path dir;

    private static final String YAML = """
            codec:
              - id: master_hq
                description: ProRes HQ with 24-bit audio
                family: prores
                profile: hq
                pix_fmt: yuv422p10le
                container: mov
                audio: {codec: pcm_s24le, channels: 2, sample_rate: 48000}
                timecode: true
            scaling:
              - id: uhd
                mode: fit
                width: 3840
            queue:
              - id: urgent
                priority: 100
                max_concurrent: 4
                recovery: auto
                max_attempts: 5
            global:
              - id: master
                presets: {codec: master_hq, scaling: uhd, watermark: draft, naming: source_and_codec, folder_output: flat,
                          exclusions: none, duplicates: overwrite, queue: urgent, reporting: default}
            """;

    private static final String JSON = """
            {
              "codec": [{"id": "master_hq", "description": "ProRes HQ with 24-bit audio", "family": "prores", "profile": "hq",
                         "pix_fmt": "yuv422p10le", "container": "mov",
                         "audio": {"codec": "pcm_s24le", "channels": 2, "sample_rate": 48000}, "timecode": true}],
              "scaling": [{"id": "uhd", "mode": "fit", "width": 3840}],
              "queue": [{"id": "urgent", "priority": 100, "max_concurrent": 4, "recovery": "auto", "max_attempts": 5}],
              "global": [{"id": "master", "presets": {"codec": "master_hq", "scaling": "uhd", "watermark": "draft",
                          "naming": "source_and_codec", "folder_output": "flat", "exclusions": "none",
                          "duplicates": "overwrite", "queue": "urgent", "reporting": "default"}}]
            }
            """;

    @Test
    void yaml_and_json_files_load_to_the_same_resolved_preset() {
        write(dir.resolve("y"), "master.yaml", YAML);
        write(dir.resolve("j"), "master.json", JSON);

        ResolvedPreset fromYaml = PresetRegistry.load(dir.resolve("y")).resolve("master");
        ResolvedPreset fromJson = PresetRegistry.load(dir.resolve("j")).resolve("master");

        assertThat(fromJson).isEqualTo(fromYaml);
        assertThat(fromYaml.outputSpecs()).containsExactly(new OutputSpec("master", "mov",
                new OutputSpec.Video(OutputSpec.Family.PRORES, null, "hq", "yuv422p10le", null, null, null, null,
                        new OutputSpec.Scale(OutputSpec.ScaleMode.FIT, 3840, null), null,
                        new OutputSpec.Watermark("DRAFT", null, "bottom-right", 0.5)),
                new OutputSpec.Audio("pcm_s24le", null, 2, 48000), null, true));
        assertThat(fromYaml.queue()).isEqualTo(new QueuePreset("urgent", "", 100, 4, RecoveryPolicy.AUTO, 5));
        assertThat(fromYaml.outputs().get(0).duplicates().policy()).isEqualTo(DuplicatesPreset.Policy.OVERWRITE);
        assertThat(fromYaml.exclusions().id()).isEqualTo("none");
    }

    @Test
    void user_presets_are_added_to_the_built_in_library() {
        write(dir, "master.yml", YAML);
        PresetRegistry registry = PresetRegistry.load(dir);
        assertThat(registry.resolve("master").outputs()).hasSize(1);
        assertThat(registry.resolve("prores_proxy").outputs()).hasSize(1);
        assertThat(registry.definedAt("master")).contains(new PresetLocation(dir.resolve("master.yml").toString(), "global[0]"));
        assertThat(registry.definedIn(dir.resolve("master.yml").toString()))
                .containsExactly("codec:master_hq", "scaling:uhd", "queue:urgent", "global:master");
    }

    @Test
    void a_missing_presets_folder_means_built_ins_only() {
        PresetRegistry registry = PresetRegistry.load(dir.resolve("does-not-exist"));
        assertThat(registry.globalPresets()).extracting(GlobalPreset::id)
                .isEqualTo(PresetRegistry.builtIn().globalPresets().stream().map(GlobalPreset::id).toList());
    }

    @Test
    void hidden_files_and_other_extensions_in_the_folder_are_ignored() {
        write(dir, ".draft.yaml", "garbage: [");
        write(dir, "README.md", "# my presets");
        write(dir, "master.yaml", YAML);
        assertThat(PresetRegistry.load(dir).resolve("master").id()).isEqualTo("master");
    }

    @Test
    void an_extra_file_is_validated_together_with_the_folder_and_read_once() {
        Path inFolder = write(dir, "master.yaml", YAML);
        Path extra = write(dir.resolve("elsewhere"), "more.yaml", """
                global:
                  - id: master_lt
                    presets: {codec: prores_lt, %s}
                """.formatted(BUILT_IN_REFERENCES));
        // reading master.yaml twice would be a duplicate id
        PresetRegistry registry = PresetRegistry.load(dir, List.of(inFolder, extra));
        assertThat(registry.resolve("master_lt").outputs()).hasSize(1);
        assertThat(registry.resolve("master").outputs()).hasSize(1);
    }

    @Test
    void a_relative_watermark_image_is_resolved_next_to_the_preset_file() throws Exception {
        Path logo = dir.resolve("logo.png");
        Files.write(logo, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        write(dir, "brand.yaml", """
                watermark:
                  - id: logo
                    image: logo.png
                    position: top-right
                    opacity: 0.8
                """);
        WatermarkPreset preset = (WatermarkPreset) PresetRegistry.load(dir).categoryPreset(PresetCategory.WATERMARK, "logo").orElseThrow();
        assertThat(preset.toWatermark()).isEqualTo(new OutputSpec.Watermark(null, logo.toAbsolutePath().toString(), "top-right", 0.8));
    }

    @Test
    void values_are_never_coerced_from_text() {
        write(dir, "mine.yaml", "queue:\n  - id: q\n    priority: \"5\"\n    max_concurrent: 1\n    recovery: manual\n    max_attempts: 1\n");
        assertThat(loadFailing(dir).problems()).singleElement()
                .satisfies(p -> assertThat(p.getMessage()).endsWith("queue[0].priority: must be a whole number, got text '5'"));
    }

    @Test
    void a_presets_path_that_is_a_file_is_reported() {
        Path notAFolder = write(dir, "presets", "x");
        assertThat(loadFailing(notAFolder).problems()).singleElement()
                .satisfies(p -> assertThat(p.getMessage()).isEqualTo(notAFolder + ": the presets folder is not a folder"));
    }

    @Test
    void numbers_yaml_reads_unquoted_are_accepted_where_they_name_a_profile_speed_or_rate() {
        write(dir, "mine.yaml", """
                codec:
                  - id: prores_4444
                    family: prores
                    profile: 4444
                    pix_fmt: yuva444p10le
                    container: mov
                    fps: 25
                    audio: {codec: pcm_s24le}
                  - id: av1_fast
                    family: av1
                    speed: 10
                    container: webm
                    audio: {codec: opus}
                """);
        PresetRegistry registry = PresetRegistry.load(dir);
        CodecPreset prores = (CodecPreset) registry.categoryPreset(PresetCategory.CODEC, "prores_4444").orElseThrow();
        assertThat(prores.profile()).isEqualTo("4444");
        assertThat(prores.fps()).isEqualTo("25");
        assertThat(((CodecPreset) registry.categoryPreset(PresetCategory.CODEC, "av1_fast").orElseThrow()).speed()).isEqualTo("10");
    }

    @Test
    void a_decimal_frame_rate_is_rejected_with_the_exact_rational_to_use() {
        write(dir, "mine.yaml", "codec:\n  - id: c\n    family: h264\n    container: mp4\n    fps: 29.97\n    audio: none\n");
        assertThat(loadFailing(dir).problems()).singleElement()
                .satisfies(p -> assertThat(p.getMessage()).contains("codec[0].fps").contains("30000/1001"));
    }
}
