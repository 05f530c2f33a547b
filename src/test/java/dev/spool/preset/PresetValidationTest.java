package dev.spool.preset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.spool.preset.PresetFiles.BUILT_IN_REFERENCES;
import static dev.spool.preset.PresetFiles.loadFailing;
import static dev.spool.preset.PresetFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PresetValidationTest {
    @TempDir
    Path dir;

    /** The single problem of a file; its message must name the file and the field. */
    private <T extends PresetValidationException> T onlyProblem(Path file, Class<T> type, String field) {
        List<PresetValidationException> problems = loadFailing(dir).problems();
        assertThat(problems).as("problems of %s", file).hasSize(1);
        PresetValidationException problem = problems.get(0);
        assertThat(problem).isInstanceOf(type);
        assertThat(problem.location()).isEqualTo(new PresetLocation(file.toString(), field));
        assertThat(problem.getMessage()).startsWith(file + ": " + field + ": ");
        return type.cast(problem);
    }

    @Test
    void encoder_names_may_contain_hyphens_but_never_start_with_one() {
        write(dir, "ok.yaml", """
                codec:
                  - id: aom
                    family: av1
                    encoder: libaom-av1
                    container: mkv
                    audio: none
                """);
        assertThat(PresetRegistry.load(dir).categoryPreset(PresetCategory.CODEC, "aom")).isPresent();
        Path bad = write(dir, "bad.yaml", """
                codec:
                  - id: sneaky
                    family: av1
                    encoder: -filter_complex
                    container: mkv
                    audio: none
                """);
        onlyProblem(bad, InvalidPresetValueException.class, "codec[0].encoder");
    }

    @Test
    void a_misspelled_field_is_an_unknown_field_naming_file_and_field() {
        Path file = write(dir, "mine.yaml", """
                codec:
                  - id: my_prores
                    family: prores
                    profil: hq
                    container: mov
                    audio: none
                """);
        // 'profile' is missing too: the typo must not be silently ignored, and both are reported
        List<PresetValidationException> problems = loadFailing(dir).problems();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p).isInstanceOf(UnknownFieldException.class);
            assertThat(p.getMessage()).startsWith(file + ": codec[0].profil: unknown field").contains("profile");
        });
        assertThat(problems).anySatisfy(p -> assertThat(p).isInstanceOf(MissingFieldException.class)
                .extracting(e -> ((PresetValidationException) e).location().field()).isEqualTo("codec[0].profile"));
    }

    @Test
    void an_unknown_file_section_is_an_unknown_category() {
        Path file = write(dir, "mine.yaml", "colour:\n  - id: warm\n");
        UnknownCategoryException e = onlyProblem(file, UnknownCategoryException.class, "colour");
        assertThat(e.category()).isEqualTo("colour");
        assertThat(e.getMessage()).contains("folder_output");
    }

    @Test
    void an_unknown_category_in_a_global_preset_is_reported_with_its_field() {
        Path file = write(dir, "mine.yaml", """
                global:
                  - id: mine
                    presets: {codec: prores_hq, colour: warm, %s}
                """.formatted(BUILT_IN_REFERENCES));
        onlyProblem(file, UnknownCategoryException.class, "global[0].presets.colour");
    }

    @Test
    void the_same_category_twice_in_different_case_is_a_duplicate_category() {
        Path file = write(dir, "mine.yaml", """
                global:
                  - id: mine
                    presets: {codec: prores_hq, CODEC: prores_lt, %s}
                """.formatted(BUILT_IN_REFERENCES));
        DuplicateCategoryException e = onlyProblem(file, DuplicateCategoryException.class, "global[0].presets.CODEC");
        assertThat(e.category()).isEqualTo(PresetCategory.CODEC);
    }

    @Test
    void a_repeated_category_key_is_a_duplicate_category_in_yaml_and_json() {
        Path yaml = write(dir, "a.yaml", """
                global:
                  - id: mine
                    presets:
                      codec: prores_hq
                      codec: prores_lt
                """);
        Path json = write(dir, "b.json", """
                {"global": [{"id": "other", "presets": {"codec": "prores_hq", "codec": "prores_lt"}}]}
                """);
        List<PresetValidationException> problems = loadFailing(dir).problems();
        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).isInstanceOf(DuplicateCategoryException.class));
        assertThat(problems).extracting(PresetValidationException::location).containsExactly(
                new PresetLocation(yaml.toString(), "global[0].presets.codec"),
                new PresetLocation(json.toString(), "global[0].presets.codec"));
    }

    @Test
    void a_global_preset_without_one_category_is_missing_that_category() {
        Path file = write(dir, "mine.yaml", """
                global:
                  - id: mine
                    presets: {codec: prores_hq, scaling: source, watermark: none, naming: source_name,
                              folder_output: mirror, exclusions: default, duplicates: suffix, queue: default}
                """);
        MissingCategoryException e = onlyProblem(file, MissingCategoryException.class, "global[0].presets");
        assertThat(e.category()).isEqualTo(PresetCategory.REPORTING);
        assertThat(e.getMessage()).contains("'reporting'");
    }

    @Test
    void a_reference_to_a_preset_that_does_not_exist_is_preset_not_found() {
        Path file = write(dir, "mine.yaml", """
                global:
                  - id: mine
                    presets: {codec: prores_ultra, %s}
                """.formatted(BUILT_IN_REFERENCES));
        PresetNotFoundException e = onlyProblem(file, PresetNotFoundException.class, "global[0].presets.codec");
        assertThat(e.id()).isEqualTo("prores_ultra");
        assertThat(e.getMessage()).contains("codec preset 'prores_ultra' not found").contains("prores_hq");
    }

    @Test
    void a_bundle_listing_an_unknown_global_preset_is_preset_not_found() {
        Path file = write(dir, "mine.yaml", "bundle:\n  - id: mine\n    outputs: [prores_proxy, nope]\n");
        PresetNotFoundException e = onlyProblem(file, PresetNotFoundException.class, "bundle[0].outputs[1]");
        assertThat(e.id()).isEqualTo("nope");
    }

    @Test
    void resolving_an_unknown_id_is_preset_not_found_listing_known_ids() {
        PresetRegistry registry = PresetRegistry.builtIn();
        PresetNotFoundException e = catchThrowableOfType(() -> registry.resolve("prores_ultra"), PresetNotFoundException.class);
        assertThat(e.id()).isEqualTo("prores_ultra");
        assertThat(e.getMessage()).startsWith("preset 'prores_ultra' not found; known: ").contains("editorial", "prores_hq");
    }

    @Test
    void an_id_already_defined_in_the_same_category_is_rejected_naming_both_places() {
        Path file = write(dir, "mine.yaml", """
                scaling:
                  - id: source
                    mode: source
                """);
        DuplicatePresetIdException e = onlyProblem(file, DuplicatePresetIdException.class, "scaling[0].id");
        assertThat(e.getMessage()).contains("builtin:scaling.yaml: scaling[0]");
    }

    @Test
    void a_bundle_id_may_not_reuse_a_global_preset_id() {
        Path file = write(dir, "mine.yaml", "bundle:\n  - id: prores_hq\n    outputs: [prores_proxy]\n");
        onlyProblem(file, DuplicatePresetIdException.class, "bundle[0].id");
    }

    @Test
    void an_unknown_naming_variable_is_named_in_the_error() {
        Path file = write(dir, "mine.yaml", "naming:\n  - id: mine\n    pattern: \"{source_name}_{camera}\"\n");
        UnknownNamingVariableException e = onlyProblem(file, UnknownNamingVariableException.class, "naming[0].pattern");
        assertThat(e.variable()).isEqualTo("camera");
        assertThat(e.getMessage()).contains("{camera}").contains("{reel}");
    }

    @Test
    void watermark_opacity_outside_zero_to_one_is_rejected() {
        Path file = write(dir, "mine.yaml", "watermark:\n  - id: mine\n    text: DRAFT\n    position: center\n    opacity: 1.5\n");
        assertThat(onlyProblem(file, InvalidPresetValueException.class, "watermark[0].opacity").detail())
                .contains("between 0.0 and 1.0");
    }

    @Test
    void watermark_position_must_be_a_known_position() {
        Path file = write(dir, "mine.yaml", "watermark:\n  - id: mine\n    text: DRAFT\n    position: middle\n    opacity: 0.5\n");
        assertThat(onlyProblem(file, InvalidPresetValueException.class, "watermark[0].position").detail())
                .contains("bottom-right");
    }

    @Test
    void watermark_text_and_image_are_exclusive_and_an_image_must_exist() {
        write(dir, "mine.yaml", """
                watermark:
                  - id: both
                    text: DRAFT
                    image: logo.png
                    position: center
                    opacity: 0.5
                  - id: missing_image
                    image: logo.png
                    position: center
                    opacity: 0.5
                """);
        List<PresetValidationException> problems = loadFailing(dir).problems();
        assertThat(problems).extracting(p -> p.location().field()).contains("watermark[0].image", "watermark[1].image");
        assertThat(problems).anySatisfy(p -> assertThat(p.getMessage()).contains("image file not found: " + dir.resolve("logo.png").toAbsolutePath()));
    }

    @Test
    void scaling_sizes_must_be_even() {
        Path file = write(dir, "mine.yaml", "scaling:\n  - id: odd\n    mode: exact\n    width: 1921\n    height: 1080\n");
        assertThat(onlyProblem(file, InvalidPresetValueException.class, "scaling[0].width").detail()).isEqualTo("must be even, got 1921");
    }

    @Test
    void scaling_fill_needs_both_sides() {
        Path file = write(dir, "mine.yaml", "scaling:\n  - id: half\n    mode: fill\n    width: 1920\n");
        onlyProblem(file, MissingFieldException.class, "scaling[0].height");
    }

    @Test
    void codec_settings_are_checked_against_the_family() {
        write(dir, "mine.yaml", """
                codec:
                  - id: bad_prores
                    family: prores
                    profile: ultra
                    container: mp4
                    crf: 20
                    audio: none
                  - id: bad_dnxhr
                    family: dnxhr
                    profile: dnxhr_hq
                    pix_fmt: yuv422p10le
                    container: mov
                    audio: {codec: pcm_s24le}
                  - id: bad_web
                    family: h264
                    container: mp4
                    audio: {codec: pcm_s16le}
                  - id: bad_timecode
                    family: h264
                    container: mkv
                    audio: none
                    timecode: true
                """);
        List<PresetValidationException> problems = loadFailing(dir).problems();
        assertThat(problems).extracting(p -> p.location().field()).containsExactlyInAnyOrder(
                "codec[0].container", "codec[0].profile", "codec[0].crf",
                "codec[1].pix_fmt",
                "codec[2].audio.codec",
                "codec[3].timecode");
        assertThat(problems).allSatisfy(p -> assertThat(p).isInstanceOf(InvalidPresetValueException.class));
    }

    @Test
    void queue_and_reporting_options_are_checked() {
        write(dir, "mine.yaml", """
                queue:
                  - id: mine
                    priority: 0
                    max_concurrent: 0
                    recovery: sometimes
                    max_attempts: 3
                reporting:
                  - id: mine
                    formats: [csv, pdf, csv]
                    folder: ../outside
                """);
        List<PresetValidationException> problems = loadFailing(dir).problems();
        assertThat(problems).extracting(p -> p.location().field()).containsExactlyInAnyOrder(
                "queue[0].max_concurrent", "queue[0].recovery",
                "reporting[0].formats[1]", "reporting[0].formats[2]", "reporting[0].folder");
    }

    @Test
    void a_file_that_is_not_yaml_is_unreadable_with_its_name() {
        Path file = write(dir, "broken.yaml", "codec: [\n");
        PresetValidationException problem = loadFailing(dir).problems().get(0);
        assertThat(problem).isInstanceOf(UnreadablePresetFileException.class);
        assertThat(problem.getMessage()).startsWith(file + ": not valid YAML");
    }

    @Test
    void every_problem_of_every_file_is_reported_at_once() {
        write(dir, "a.yaml", "scaling:\n  - id: odd\n    mode: exact\n    width: 3\n    height: 5\n");
        write(dir, "b.json", "{\"duplicates\": [{\"id\": \"mine\", \"policy\": \"rename\", \"extra\": 1}]}");
        InvalidPresetsException e = loadFailing(dir);
        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage()).startsWith("4 preset problems:")
                .contains("a.yaml: scaling[0].width", "a.yaml: scaling[0].height",
                        "b.json: duplicates[0].policy", "b.json: duplicates[0].extra");
    }

    @Test
    void a_global_preset_using_an_invalid_codec_preset_reports_only_the_codec_problem() {
        write(dir, "mine.yaml", """
                codec:
                  - id: broken
                    family: prores
                    profile: ultra
                    container: mov
                    audio: none
                global:
                  - id: mine
                    presets: {codec: broken, %s}
                """.formatted(BUILT_IN_REFERENCES));
        assertThat(loadFailing(dir).problems()).singleElement()
                .extracting(p -> p.location().field()).isEqualTo("codec[0].profile");
    }

    @Test
    void bundle_outputs_must_share_job_wide_rules_and_not_write_the_same_file() {
        write(dir, "mine.yaml", """
                global:
                  - id: auto_prores
                    presets: {codec: prores_proxy, scaling: source, watermark: none, naming: source_and_codec, folder_output: mirror,
                              exclusions: default, duplicates: suffix, queue: unattended, reporting: default}
                  - id: lt_same_place
                    presets: {codec: prores_lt, %s}
                bundle:
                  - id: mixed_queue
                    outputs: [prores_proxy, auto_prores]
                  - id: same_file
                    outputs: [prores_proxy, lt_same_place]
                """.formatted(BUILT_IN_REFERENCES));
        List<PresetValidationException> problems = loadFailing(dir).problems();
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0).location().field()).isEqualTo("bundle[0].outputs[1]");
        assertThat(problems.get(0).detail()).contains("queue 'unattended'");
        assertThat(problems.get(1).location().field()).isEqualTo("bundle[1].outputs[1]");
        assertThat(problems.get(1).detail()).contains("same file");
    }

    @Test
    void naming_pattern_parse_rejects_separators_and_unbalanced_braces() {
        PresetLocation at = new PresetLocation("f.yaml", "naming[0].pattern");
        assertThatThrownBy(() -> NamingPattern.parse("{source_name}/{codec}", at))
                .isInstanceOf(InvalidPresetValueException.class).hasMessageContaining("path separators");
        assertThatThrownBy(() -> NamingPattern.parse("{source_name", at)).hasMessageContaining("unclosed '{'");
        assertThatThrownBy(() -> NamingPattern.parse("name}", at)).hasMessageContaining("'}' without '{'");
        assertThatThrownBy(() -> NamingPattern.parse(" ", at)).hasMessageContaining("must not be empty");
    }
}
