package dev.spool.engine.report;

import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.spool.engine.report.ReportFixtures.STDERR;
import static dev.spool.engine.report.ReportFixtures.aFinishedJob;
import static dev.spool.engine.report.ReportFixtures.aMixedJobsTasks;
import static dev.spool.engine.report.ReportFixtures.aTask;
import static dev.spool.engine.report.ReportFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobReportTest {

    @Test
    void clips_are_in_seq_order_and_classified_by_status_and_warnings() {
        JobReport report = JobReport.of(aFinishedJob(), aMixedJobsTasks());

        assertThat(report.clips()).extracting(ClipReport::seq).containsExactly(0, 1, 2, 3);
        assertThat(report.clips()).extracting(ClipReport::classification).containsExactly(
                ClipClassification.SUCCESS, ClipClassification.SUCCESS_WITH_WARNINGS,
                ClipClassification.FAILED, ClipClassification.SKIPPED);
    }

    @Test
    void clips_still_queued_or_running_are_reported_as_incomplete_not_dropped() {
        JobReport report = JobReport.of(aFinishedJob(), List.of(
                aTask(0).status(TaskStatus.QUEUED).build(), aTask(1).status(TaskStatus.RUNNING).build()));

        assertThat(report.clips()).extracting(ClipReport::classification)
                .containsOnly(ClipClassification.INCOMPLETE);
        assertThat(report.counts().queued()).isEqualTo(1);
        assertThat(report.counts().running()).isEqualTo(1);
    }

    @Test
    void counts_come_from_the_clips_listed_so_summary_and_list_agree() {
        // the job row's counts are NONE here; the report must still count its four clips
        JobReport report = JobReport.of(aFinishedJob(), aMixedJobsTasks());

        assertThat(report.counts().total()).isEqualTo(4);
        assertThat(report.counts().completed()).isEqualTo(2);
        assertThat(report.counts().failed()).isEqualTo(1);
        assertThat(report.counts().skipped()).isEqualTo(1);
        assertThat(report.counts().withWarnings()).isEqualTo(1);
    }

    @Test
    void stderr_tail_is_kept_for_failed_clips_only() {
        JobReport report = JobReport.of(aFinishedJob(), List.of(
                aTask(0).completed(null).stderr("harmless chatter").build(),
                aTask(1).failed("ffmpeg exited with 1", STDERR).build()));

        assertThat(report.clips().get(0).stderrTail()).isNull();
        assertThat(report.clips().get(1).stderrTail()).isEqualTo(STDERR);
    }

    @Test
    void outputs_source_and_timings_are_read_from_the_result_json() {
        ClipReport clip = ClipReport.of(aTask(0).completed(result("/out/a.mov", 123, "h264_nvenc")).build());

        assertThat(clip.outputs()).containsExactly(
                new OutputReport("h264_540p_proxy", "/out/a.mov", 123L, "mov", "h264_nvenc", 2.0));
        assertThat(clip.encoders()).containsExactly("h264_nvenc");
        assertThat(clip.source()).isEqualTo(
                new SourceMedia("h264 640x360 29.97 fps, 2.0 s", 2.0, "h264", 640, 360, "30000/1001"));
        assertThat(clip.encodeSeconds()).isEqualTo(1.2);
        assertThat(clip.speed()).isEqualTo(3.4);
        assertThat(clip.elapsedSeconds()).isEqualTo(2.5);
        assertThat(clip.resultProblem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json {", "[1,2,3]", "\"text\"", "42", "{\"outputs\":[{\"path\":\"/o.mov\"}]} trailing", "{"})
    void unreadable_result_json_gives_no_outputs_and_says_so(String garbage) {
        ClipReport clip = ClipReport.of(aTask(0).completed(garbage).build());

        assertThat(clip.outputs()).isEmpty();
        assertThat(clip.resultProblem()).isNotBlank();
        assertThat(clip.classification()).isEqualTo(ClipClassification.SUCCESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "null", "{}", "{\"outputs\":null,\"source\":null}", "{\"exitCode\":0}"})
    void absent_or_foreign_result_gives_no_outputs_without_a_problem(String result) {
        ClipReport clip = ClipReport.of(aTask(0).completed(result).build());

        assertThat(clip.outputs()).isEmpty();
        assertThat(clip.source()).isNull();
        assertThat(clip.resultProblem()).isNull();
    }

    @Test
    void null_result_is_tolerated() {
        assertThatCode(() -> ClipReport.of(aTask(0).completed(null).build())).doesNotThrowAnyException();
    }

    @Test
    void mistyped_fields_become_unknown_instead_of_failing() {
        ClipReport clip = ClipReport.of(aTask(0).completed("""
                {"outputs":[42, null, {"path":42,"sizeBytes":"big","encoder":{"x":1},"durationSeconds":"2.5"},
                            {"sizeBytes":1.5e3,"name":["a"]}],
                 "source":{"width":"wide","height":1e12},"speed":"fast","encodeSeconds":true}""").build());

        assertThat(clip.outputs()).containsExactly(
                new OutputReport(null, "42", null, null, null, 2.5),
                new OutputReport(null, null, 1500L, null, null, null));
        assertThat(clip.source()).isEqualTo(new SourceMedia(null, null, null, null, null, null));
        assertThat(clip.speed()).isNull();
        assertThat(clip.resultProblem()).isNull();
    }

    @Test
    void a_task_of_another_job_is_refused() {
        Task foreign = aTask(0).build();
        Task other = new Task(foreign.id(), "another-job", 0, "transcode", TaskStatus.QUEUED, null, null, 0, 0, 1,
                null, null, null, null, null, null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> JobReport.of(aFinishedJob(), List.of(other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another-job");
    }
}
