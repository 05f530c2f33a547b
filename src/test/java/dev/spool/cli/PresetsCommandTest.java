package dev.spool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PresetsCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs {@code spool ARGS} in-process, always with an explicit presets folder unless one is given. */
    private Run spool(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--presets-dir")) {
            all.add("--presets-dir");
            all.add(dir.resolve("presets").toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SpoolCommand.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private Path presetFile(String name, String content) throws Exception {
        Files.createDirectories(dir.resolve("presets"));
        return Files.writeString(dir.resolve("presets").resolve(name), content);
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void list_shows_global_presets_bundles_and_category_presets() {
        Run run = spool("presets", "list");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Global presets:", "Bundles", "Category presets:")
                .contains("prores_hq", "dnxhr_lb", "h264_540p_proxy", "av1_svt", "poster_jpeg")
                .containsPattern("editorial +editorial_prores_proxy \\+ editorial_h264_proxy \\+ editorial_poster");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void list_json_has_every_preset_with_its_kind_and_the_category_presets() throws Exception {
        Run run = spool("presets", "list", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode root = new ObjectMapper().readTree(run.out());
        List<String> kinds = new ArrayList<>();
        root.get("presets").forEach(p -> kinds.add(p.get("id").asText() + "=" + p.get("kind").asText()));
        assertThat(kinds).contains("prores_proxy=global", "editorial=bundle");
        assertThat(root.at("/categories/codec").findValuesAsText("id")).contains("prores_hq", "dnxhr_sq", "poster_jpeg");
    }

    @Test
    void list_includes_presets_from_the_presets_folder() throws Exception {
        presetFile("mine.yaml", """
                global:
                  - id: studio_hq
                    presets: {codec: prores_hq, scaling: source, watermark: draft, naming: source_name, folder_output: flat,
                              exclusions: default, duplicates: fail, queue: default, reporting: default}
                """);
        Run run = spool("presets", "list");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("studio_hq");
    }

    @Test
    void an_invalid_presets_folder_is_invalid_input_listing_file_and_field() throws Exception {
        Path file = presetFile("mine.yaml", "watermark:\n  - id: w\n    text: X\n    position: centre\n    opacity: 2\n");
        Run run = spool("presets", "list");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains(file + ": watermark[0].position: unknown position 'centre'")
                .contains(file + ": watermark[0].opacity: must be between 0.0 and 1.0");
        assertNoStackTrace(run);
    }

    @Test
    void show_prints_each_output_of_a_bundle() {
        Run run = spool("presets", "show", "editorial");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("editorial (bundle)", "output editorial_prores_proxy", "output editorial_h264_proxy",
                "output editorial_poster", "prores proxy yuv422p10le", "keeps timecode and reel", "mirror under ProRes/");
    }

    @Test
    void show_json_is_the_resolved_preset() throws Exception {
        Run run = spool("presets", "show", "dnxhr_sq", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("kind").asText()).isEqualTo("global");
        assertThat(root.get("definedAt").asText()).startsWith("builtin:global.yaml");
        assertThat(root.at("/outputs/0/spec/video/family").asText()).isEqualTo("DNXHR");
        assertThat(root.at("/outputs/0/spec/video/profile").asText()).isEqualTo("dnxhr_sq");
        assertThat(root.at("/outputs/0/spec/timecode").asBoolean()).isTrue();
        assertThat(root.at("/queue/recovery").asText()).isEqualTo("MANUAL");
    }

    @Test
    void show_a_category_preset_by_category_and_id() throws Exception {
        Run run = spool("presets", "show", "codec:prores_hq", "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("category").asText()).isEqualTo("codec");
        assertThat(root.get("profile").asText()).isEqualTo("hq");
    }

    @Test
    void show_an_unknown_id_is_invalid_input_without_a_stack_trace() {
        Run run = spool("presets", "show", "prores_ultra");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).startsWith("spool: preset 'prores_ultra' not found; known: ").contains("prores_hq");
        assertNoStackTrace(run);

        Run category = spool("presets", "show", "colour:warm");
        assertThat(category.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(category.err()).contains("unknown category 'colour'");
    }

    @Test
    void validate_a_valid_file_exits_0_and_names_what_it_defines() throws Exception {
        Path file = Files.writeString(dir.resolve("new.json"), """
                {"codec": [{"id": "dnx_444", "family": "dnxhr", "profile": "dnxhr_444", "pix_fmt": "yuv444p10le",
                            "container": "mxf", "audio": {"codec": "pcm_s24le"}, "timecode": true}],
                 "global": [{"id": "dnx_master", "presets": {"codec": "dnx_444", "scaling": "source", "watermark": "none",
                   "naming": "source_and_codec", "folder_output": "mirror", "exclusions": "default", "duplicates": "fail",
                   "queue": "default", "reporting": "default"}}]}
                """);
        Run run = spool("presets", "validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out().trim()).isEqualTo(file + ": valid, 2 presets: codec:dnx_444, global:dnx_master");
    }

    @Test
    void validate_an_invalid_file_exits_2_listing_every_problem_with_file_and_field() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                naming:
                  - id: by_camera
                    pattern: "{camera}_{source_name}"
                global:
                  - id: broken
                    presets: {codec: prores_ultra, scaling: source, watermark: none, naming: source_name, folder_output: mirror,
                              exclusions: default, duplicates: suffix, queue: default, reporting: default, colour: warm}
                """);
        Run run = spool("presets", "validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("2 preset problems")
                .contains(file + ": naming[0].pattern: unknown naming variable {camera}")
                .contains(file + ": global[0].presets.colour: unknown category 'colour'");
        assertNoStackTrace(run);
    }

    @Test
    void validate_reports_a_missing_reference_once_the_structure_is_right() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                global:
                  - id: broken
                    presets: {codec: prores_ultra, scaling: source, watermark: none, naming: source_name, folder_output: mirror,
                              exclusions: default, duplicates: suffix, queue: default, reporting: default}
                """);
        Run run = spool("presets", "validate", file.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains(file + ": global[0].presets.codec: codec preset 'prores_ultra' not found");
    }

    @Test
    void validate_a_file_that_does_not_exist_is_invalid_input() {
        Run run = spool("presets", "validate", dir.resolve("nope.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("nope.yaml: no such file");
    }

    @Test
    void validate_a_file_already_in_the_presets_folder_reads_it_once() throws Exception {
        Path file = presetFile("mine.yaml", "duplicates:\n  - id: keep\n    policy: fail\n");
        Run run = spool("presets", "validate", file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("valid, 1 preset: duplicates:keep");
    }
}
