package dev.spool.cli;

import dev.spool.media.probe.MediaMetadata;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The operation commands run in-process like {@code spool run} and exit 0, 1 or 2. */
class OperationCommandsTest {
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
    void spool_extract_cuts_a_clip_in_process_and_exits_0() {
        Path out = dir.resolve("clips/middle.mp4");

        CliRun run = CliRun.of(withData("extract", TestMedia.h264LongGop().toString(), "--in", "00:00:00:10", "--to", "1.4",
                "--out", out.toString()));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        MediaMetadata m = TestMedia.probe(out);
        assertThat(m.time().durationSeconds()).isCloseTo(1.0, within(0.1));
        assertThat(run.out()).contains("COMPLETED");
    }

    @Test
    void spool_do_refuses_an_invalid_job_file_naming_the_task_field_with_exit_2() throws Exception {
        Path job = dir.resolve("job.json");
        Files.writeString(job, "{\"outputDir\":\"out\",\"tasks\":[{\"kind\":\"extract\",\"input\":\""
                + TestMedia.h264LongGop() + "\",\"in\":1,\"out\":2},{\"kind\":\"concat\",\"inputs\":[{\"fromTask\":0}]}]}");

        CliRun run = CliRun.of(withData("do", job.toString()));

        assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(run.err()).contains("tasks[1].inputs", "at least two clips");
    }
}
