package dev.spool.cli;

import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.store.SqlJobStore;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunAndControlCommandsTest {
    @TempDir
    Path dir;

    String[] withData(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dir.resolve("data").toString();
        return all;
    }

    @Test
    void run_transcodes_prints_the_report_and_exits_0_when_every_clip_completed() throws Exception {
        Path card = Files.createDirectories(dir.resolve("card"));
        Files.copy(TestMedia.h264LongGop(), card.resolve("a.mp4"));

        CliRun run = CliRun.of(withData("run", card.toString(), "--preset", "h264_540p_proxy", "--out",
                dir.resolve("out").toString()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("ok    a.mp4").contains("COMPLETED").contains("Report: " + dir.resolve("out/reports"));
        assertThat(dir.resolve("out/a.mov")).exists();
    }

    @Test
    void run_exits_1_when_a_clip_failed_and_2_on_invalid_input() throws Exception {
        Path card = Files.createDirectories(dir.resolve("card"));
        Files.copy(TestMedia.h264LongGop(), card.resolve("a.mp4"));
        Files.copy(TestMedia.textAsMov(), card.resolve("b.mov"));

        CliRun mixed = CliRun.of(withData("run", card.toString(), "--preset", "h264_540p_proxy", "--out",
                dir.resolve("out").toString()));
        CliRun missing = CliRun.of(withData("run", dir.resolve("nope.mov").toString(), "--preset", "h264_540p_proxy",
                "--out", dir.resolve("out").toString()));
        CliRun badPreset = CliRun.of(withData("run", card.toString(), "--preset", "h265_imaginary", "--out",
                dir.resolve("out").toString()));

        assertThat(mixed.exitCode()).isEqualTo(ExitCode.FINISHED_WITH_FAILURES);
        assertThat(mixed.out()).contains("FAIL  b.mov");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(missing.err()).contains("sources[0]").contains("source not found").doesNotContain("\tat ");
        assertThat(badPreset.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(badPreset.err()).contains("preset").contains("h265_imaginary");
    }

    @Test
    void a_control_asks_first_and_changes_nothing_unless_confirmed() {
        Job job;
        try (SqlJobStore store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("data/spool.db"), Clock.systemUTC())) {
            job = store.createJob(NewJob.of("x", List.of(NewTask.of("transcode", "/a.mov"), NewTask.of("transcode", "/b.mov"))));
        }

        CliRun declined = CliRun.withInput("n\n", withData("pause", job.id()));
        CliRun accepted = CliRun.withInput("y\n", withData("pause", job.id()));
        CliRun again = CliRun.of(withData("pause", job.id(), "--yes"));
        CliRun cancel = CliRun.of(withData("cancel", job.id(), "--yes"));
        CliRun show = CliRun.of(withData("show", job.id()));

        assertThat(declined.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(declined.out()).contains("Pause job? [y/N]");
        assertThat(declined.err()).contains("not confirmed; nothing was changed");
        assertThat(accepted.exitCode()).isZero();
        assertThat(accepted.out()).contains("is PAUSED");
        assertThat(again.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(again.err()).contains("cannot pause job").contains("PAUSED").contains("only a RUNNING job");
        assertThat(cancel.out()).contains("2 queued clip(s) will be SKIPPED").contains("is CANCELLED");
        assertThat(show.out()).contains("CANCELLED").contains("reason: cancelled");
        try (SqlJobStore store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("data/spool.db"), Clock.systemUTC())) {
            assertThat(store.getJob(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        }
    }

    @Test
    void a_held_submission_waits_in_pending_until_started() throws Exception {
        Path card = Files.createDirectories(dir.resolve("card"));
        Files.copy(TestMedia.h264LongGop(), card.resolve("a.mp4"));

        CliRun submitted = CliRun.of(withData("submit", card.toString(), "--preset", "h264_540p_proxy", "--out",
                dir.resolve("out").toString(), "--hold"));
        String id = submitted.out().strip();
        CliRun started = CliRun.of(withData("start", id, "--yes"));
        CliRun twice = CliRun.of(withData("start", id, "--yes"));

        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        assertThat(started.out()).contains("Clips that will run with preset h264_540p_proxy (1)").contains("is RUNNING");
        assertThat(twice.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(twice.err()).contains("only a PENDING job can be started");
    }

    @Test
    void a_paused_job_with_inline_outputs_can_be_resumed() throws Exception {
        Path card = Files.createDirectories(dir.resolve("card"));
        Files.copy(TestMedia.h264LongGop(), card.resolve("a.mp4"));
        Job job;
        try (SqlJobStore store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("data/spool.db"), Clock.systemUTC())) {
            var presets = dev.spool.preset.PresetRegistry.builtIn();
            job = new dev.spool.engine.JobSubmitter(store, () -> presets, List.of()).submit(new dev.spool.engine.JobRequest(
                    null, List.of(card.toString()), null, dir.resolve("out").toString(), null, null, null, true,
                    List.of(java.util.Map.of("name", "web", "family", "h264", "container", "mp4", "audio", "none"))));
            store.pause(job.id());
        }

        CliRun resumed = CliRun.of(withData("resume", job.id(), "--yes"));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Clips that will run (1)");
    }

    @Test
    void jobs_lists_newest_first_as_text_and_json() {
        try (SqlJobStore store = SqlJobStore.open("jdbc:sqlite:" + dir.resolve("data/spool.db"), Clock.systemUTC())) {
            store.createJob(NewJob.of("first", List.of(NewTask.of("transcode", "/a.mov"))));
        }
        CliRun text = CliRun.of(withData("jobs"));
        CliRun json = CliRun.of(withData("jobs", "--json", "--status", "RUNNING"));
        CliRun unknown = CliRun.of(withData("show", "no-such-job"));

        assertThat(text.out()).contains("RUNNING").contains("0/1 done");
        assertThat(json.out()).contains("\"status\" : \"RUNNING\"").contains("\"nextCursor\" : null");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(unknown.err()).contains("job no-such-job not found");
    }
}
