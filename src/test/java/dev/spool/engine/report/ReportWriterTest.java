package dev.spool.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.domain.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.spool.engine.report.ReportFixtures.AWKWARD_SOURCE;
import static dev.spool.engine.report.ReportFixtures.CLOCK;
import static dev.spool.engine.report.ReportFixtures.JOB_ID;
import static dev.spool.engine.report.ReportFixtures.MULTILINE_REASON;
import static dev.spool.engine.report.ReportFixtures.STDERR;
import static dev.spool.engine.report.ReportFixtures.TOOLS;
import static dev.spool.engine.report.ReportFixtures.aFinishedJob;
import static dev.spool.engine.report.ReportFixtures.aMixedJobsTasks;
import static dev.spool.engine.report.ReportFixtures.aTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {
    private static final Set<ReportFormat> ALL = EnumSet.allOf(ReportFormat.class);

    @TempDir
    Path tmp;

    private final JobReport mixed = JobReport.of(aFinishedJob(), aMixedJobsTasks());
    private final Diagnostics diagnostics = Diagnostics.capture(TOOLS, CLOCK);

    @Test
    void writes_the_three_reports_into_a_new_folder_and_leaves_nothing_else() throws IOException {
        Path dir = tmp.resolve("reports/nested");

        Map<ReportFormat, Path> written = ReportWriter.write(mixed, diagnostics, dir, ALL);

        assertThat(written).containsOnlyKeys(ALL);
        assertThat(written.get(ReportFormat.CSV)).isEqualTo(dir.resolve("spool-report-" + JOB_ID + ".csv"));
        assertThat(written.get(ReportFormat.JSON)).isEqualTo(dir.resolve("spool-report-" + JOB_ID + ".json"));
        assertThat(written.get(ReportFormat.TXT)).isEqualTo(dir.resolve("spool-report-" + JOB_ID + ".txt"));
        assertThat(namesIn(dir)).containsExactlyInAnyOrder(
                "spool-report-" + JOB_ID + ".csv", "spool-report-" + JOB_ID + ".json", "spool-report-" + JOB_ID + ".txt");
        for (Path p : written.values()) {
            assertThat(Files.size(p)).isPositive();
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void reports_are_as_readable_as_any_file_created_in_the_folder() throws IOException {
        Path ordinary = Files.writeString(tmp.resolve("ordinary.txt"), "x");

        Map<ReportFormat, Path> written = ReportWriter.write(mixed, diagnostics, tmp, ALL);

        for (Path p : written.values()) {
            assertThat(Files.getPosixFilePermissions(p)).as(p.toString())
                    .isEqualTo(Files.getPosixFilePermissions(ordinary));
        }
    }

    @Test
    void writes_only_the_formats_asked_for() throws IOException {
        Map<ReportFormat, Path> written = ReportWriter.write(mixed, diagnostics, tmp, EnumSet.of(ReportFormat.JSON));

        assertThat(written).containsOnlyKeys(ReportFormat.JSON);
        assertThat(namesIn(tmp)).containsExactly("spool-report-" + JOB_ID + ".json");
    }

    @Test
    void csv_quotes_commas_quotes_and_newlines_so_it_parses_back_to_the_same_values() throws IOException {
        String csv = read(ReportWriter.write(mixed, diagnostics, tmp, ALL).get(ReportFormat.CSV));

        // the exact bytes a spreadsheet sees for the awkward cells
        assertThat(csv).contains(",\"/card/A001, take \"\"2\"\".mov\",")
                .contains(",\"output verification failed\nduration 1.0 s, expected 2.0 s\",")
                .endsWith("\r\n");

        List<List<String>> rows = Rfc4180.parse(csv);
        assertThat(rows.get(0)).isEqualTo(CsvReport.HEADER);
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSameSizeAs(CsvReport.HEADER));
        // one row per output per clip; clips without outputs get one row: 1 + 2 + 1 + 1
        assertThat(rows).hasSize(1 + 5);
        assertThat(column(rows, "clip")).containsExactly("1", "2", "2", "3", "4");
        assertThat(column(rows, "source")).containsExactly(
                "/card/A001.mov", AWKWARD_SOURCE, AWKWARD_SOURCE, "/card/A003.mov", "/card/A004.mov");
        assertThat(column(rows, "output_path")).containsExactly(
                "/out/A001/A001_proxy.mov", "/out/A001/take, \"2\"_proxy.mov", "/out/A001/take_2_prores.mov", "", "");
        assertThat(column(rows, "encoder")).containsExactly("libx264", "libx264", "prores_ks", "", "");
        assertThat(column(rows, "classification")).containsExactly(
                "SUCCESS", "SUCCESS_WITH_WARNINGS", "SUCCESS_WITH_WARNINGS", "FAILED", "SKIPPED");
        assertThat(column(rows, "failure_reason")).containsExactly(
                "", "", "", MULTILINE_REASON, "output exists (duplicates: skip)");
        assertThat(column(rows, "output_size_bytes")).containsExactly("1234567", "2048", "5000000", "", "");
        assertThat(column(rows, "warnings").get(1)).isEqualTo("h264_nvenc failed; fell back to libx264");
        assertThat(column(rows, "attempts").get(3)).isEqualTo("2");
        assertThat(column(rows, "elapsed_seconds").get(0)).isEqualTo("2.500");
    }

    @Test
    void json_holds_counts_classifications_clips_and_diagnostics() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(read(ReportWriter.write(mixed, diagnostics, tmp, ALL).get(ReportFormat.JSON)));

        assertThat(doc.path("reportVersion").asInt()).isEqualTo(1);
        JsonNode job = doc.path("job");
        assertThat(job.path("jobId").asText()).isEqualTo(JOB_ID);
        assertThat(job.path("status").asText()).isEqualTo("COMPLETED_WITH_WARNINGS");
        assertThat(job.path("durationSeconds").asDouble()).isEqualTo(154.0);
        assertThat(job.path("startedAt").asText()).isEqualTo("2024-05-01T10:00:01Z");
        JsonNode counts = job.path("counts");
        assertThat(counts.path("total").asInt()).isEqualTo(4);
        assertThat(counts.path("completed").asInt()).isEqualTo(2);
        assertThat(counts.path("failed").asInt()).isEqualTo(1);
        assertThat(counts.path("skipped").asInt()).isEqualTo(1);
        assertThat(counts.path("withWarnings").asInt()).isEqualTo(1);

        JsonNode clips = job.path("clips");
        assertThat(clips).hasSize(4);
        assertThat(texts(clips, "classification")).containsExactly("SUCCESS", "SUCCESS_WITH_WARNINGS", "FAILED", "SKIPPED");
        assertThat(texts(clips, "sourcePath")).containsExactly("/card/A001.mov", AWKWARD_SOURCE, "/card/A003.mov", "/card/A004.mov");
        assertThat(clips.get(2).path("stderrTail").asText()).isEqualTo(STDERR);
        assertThat(clips.get(2).path("failureReason").asText()).isEqualTo(MULTILINE_REASON);
        assertThat(clips.get(0).has("stderrTail")).as("unknown values are explicit nulls").isTrue();
        assertThat(clips.get(0).path("stderrTail").isNull()).isTrue();
        assertThat(clips.get(1).path("outputs").get(1).path("encoder").asText()).isEqualTo("prores_ks");
        assertThat(clips.get(0).path("source").path("frameRate").asText()).isEqualTo("30000/1001");
        assertThat(clips.get(0).path("speed").asDouble()).isEqualTo(3.4);

        JsonNode diag = doc.path("diagnostics");
        assertThat(diag.path("ffmpegVersion").asText()).isEqualTo("5.1.6-0+deb12u1");
        assertThat(diag.path("ffmpegPath").asText()).isEqualTo("/usr/bin/ffmpeg");
        assertThat(diag.path("ffprobeVersion").asText()).isEqualTo("5.1.6-0+deb12u1");
        assertThat(diag.path("javaVersion").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(diag.path("spoolVersion").asText()).isNotBlank();
        assertThat(diag.path("generatedAt").asText()).isEqualTo("2024-05-01T10:05:00Z");
    }

    @Test
    void text_lists_every_clip_the_failures_with_stderr_and_the_encoder_each_clip_used() throws IOException {
        String txt = read(ReportWriter.write(mixed, diagnostics, tmp, ALL).get(ReportFormat.TXT));

        String summary = section(txt, "Spool job report", "Clips\n-----");
        String clips = section(txt, "Clips\n-----", "Failures\n--------");
        String failures = section(txt, "Failures\n--------", "Diagnostics\n-----------");
        String diag = txt.substring(txt.indexOf("Diagnostics\n-----------"));

        assertThat(summary).contains("Card A001 proxies (" + JOB_ID + ")")
                .contains("COMPLETED_WITH_WARNINGS")
                .contains("4 total: 2 completed (1 with warnings), 1 failed, 1 skipped")
                .contains("2m 34.0s");
        assertThat(clips)
                .contains("#1   SUCCESS               /card/A001.mov")
                .contains("#2   SUCCESS_WITH_WARNINGS " + AWKWARD_SOURCE)
                .contains("#3   FAILED                /card/A003.mov  (2.5s, 2 attempts)")
                .contains("#4   SKIPPED               /card/A004.mov")
                .contains("-> h264_540p_proxy  /out/A001/A001_proxy.mov  1.2 MB  libx264")
                .contains("-> prores_proxy  /out/A001/take_2_prores.mov  5.0 MB  prores_ks")
                .contains("warning: h264_nvenc failed; fell back to libx264")
                .contains("reason: output exists (duplicates: skip)");
        assertThat(failures)
                .contains("#3   /card/A003.mov")
                .contains("reason: output verification failed\n              duration 1.0 s, expected 2.0 s\n")
                .contains("| [h264 @ 0x55] error while decoding MB 12 7\n")
                .contains("| Conversion failed!\n")
                .doesNotContain("/card/A001.mov")
                .doesNotContain("/card/A004.mov");
        assertThat(diag)
                .contains("Spool:      " + diagnostics.spoolVersion())
                .contains("Java:       " + System.getProperty("java.version"))
                .contains("OS:         " + System.getProperty("os.name"))
                .contains("ffmpeg:     5.1.6-0+deb12u1 (/usr/bin/ffmpeg)")
                .contains("#1   libx264  /card/A001.mov")
                .contains("#2   libx264, prores_ks  " + AWKWARD_SOURCE)
                .contains("#3   (none recorded)  /card/A003.mov");
    }

    @Test
    void a_regular_file_where_the_folder_should_be_raises_a_report_exception_naming_it() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("reports"), "I am a file");

        assertThatThrownBy(() -> ReportWriter.write(mixed, diagnostics, notADir, ALL))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.path()).isEqualTo(notADir))
                .hasMessageContaining(notADir.toString())
                .hasCauseInstanceOf(IOException.class);
        assertThat(Files.readString(notADir)).isEqualTo("I am a file");
    }

    @Test
    void a_folder_below_a_regular_file_raises_a_report_exception_naming_it() throws IOException {
        Path dir = Files.writeString(tmp.resolve("file"), "x").resolve("reports");

        assertThatThrownBy(() -> ReportWriter.write(mixed, diagnostics, dir, ALL))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.path()).isEqualTo(dir))
                .hasMessageContaining(dir.toString());
    }

    @Test
    void one_unwritable_report_fails_by_name_leaves_no_temporary_and_the_others_are_still_written() throws IOException {
        // given: something that cannot be replaced sits at the CSV's final path
        Path blockedCsv = tmp.resolve(ReportFormat.CSV.fileName(JOB_ID));
        Files.createDirectories(blockedCsv.resolve("occupied"));

        // when / then
        assertThatThrownBy(() -> ReportWriter.write(mixed, diagnostics, tmp, ALL))
                .isInstanceOfSatisfying(ReportException.class, e -> assertThat(e.path()).isEqualTo(blockedCsv))
                .hasMessageContaining(blockedCsv.toString());
        assertThat(namesIn(tmp)).containsExactlyInAnyOrder(
                blockedCsv.getFileName().toString(), "spool-report-" + JOB_ID + ".json", "spool-report-" + JOB_ID + ".txt");
        assertThat(read(tmp.resolve(ReportFormat.JSON.fileName(JOB_ID)))).contains(JOB_ID);
    }

    @Test
    void writing_again_replaces_the_previous_report_whole() throws IOException {
        Path txt = tmp.resolve(ReportFormat.TXT.fileName(JOB_ID));
        Files.writeString(txt, "an older, much longer report ".repeat(1000));

        ReportWriter.write(mixed, diagnostics, tmp, EnumSet.of(ReportFormat.TXT));

        assertThat(read(txt)).startsWith("Spool job report").doesNotContain("older");
        assertThat(namesIn(tmp)).containsExactly(txt.getFileName().toString());
    }

    @Test
    void garbage_result_json_does_not_stop_any_report() throws IOException {
        List<Task> tasks = new ArrayList<>();
        String[] garbage = {"not json {", "[1,2,3]", "\"just a string\"", "null", "", "{\"outputs\":\"nope\",\"source\":7}",
                "{\"outputs\":[42,null,{\"path\":42,\"sizeBytes\":\"big\",\"encoder\":{\"x\":1}}],\"speed\":\"fast\"}",
                "{\"outputs\":[{\"path\":\"/o.mov\"}]} trailing"};
        for (int i = 0; i < garbage.length; i++) {
            tasks.add(aTask(i).completed(garbage[i]).build());
        }
        JobReport report = JobReport.of(aFinishedJob(), tasks);

        Map<ReportFormat, Path> written = ReportWriter.write(report, Diagnostics.capture(null, CLOCK), tmp, ALL);

        assertThat(Rfc4180.parse(read(written.get(ReportFormat.CSV)))).hasSize(1 + garbage.length);
        assertThat(new ObjectMapper().readTree(read(written.get(ReportFormat.JSON))).path("job").path("clips"))
                .hasSize(garbage.length);
        assertThat(read(written.get(ReportFormat.TXT)))
                .contains("note: result is not valid JSON; outputs unknown")
                .contains("ffmpeg:     unknown (not located)");
    }

    @Test
    void a_job_id_cannot_steer_the_report_outside_its_folder() throws IOException {
        assertThat(ReportFormat.JSON.fileName("../../etc/x")).isEqualTo("spool-report-.._.._etc_x.json");
    }

    private static List<String> column(List<List<String>> rows, String name) {
        int i = rows.get(0).indexOf(name);
        assertThat(i).as("column " + name).isNotNegative();
        return rows.stream().skip(1).map(r -> r.get(i)).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to);
        assertThat(start).as("section " + from).isNotNegative();
        assertThat(end).as("section " + to).isGreaterThan(start);
        return text.substring(start, end);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
