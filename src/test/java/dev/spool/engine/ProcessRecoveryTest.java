package dev.spool.engine;

import dev.spool.cli.CliRun;
import dev.spool.config.SpoolConfig;
import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.RecoveryPolicy;
import dev.spool.domain.Task;
import dev.spool.domain.TaskStatus;
import dev.spool.preset.PresetRegistry;
import dev.spool.store.SqlJobStore;
import dev.spool.testing.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash recovery with real processes: a {@code spool serve} child JVM is killed with SIGKILL mid-job, and
 * the job must recover per its policy without rewriting completed outputs or leaving temporaries behind.
 */
class ProcessRecoveryTest {
    @TempDir
    Path dir;
    Path data;
    Path out;
    SqlJobStore store;
    final List<Process> children = new ArrayList<>();

    @BeforeEach
    void setUp() {
        data = dir.resolve("data");
        out = dir.resolve("out");
        store = SqlJobStore.open("jdbc:sqlite:" + data.resolve("spool.db"), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        children.forEach(Process::destroyForcibly);
        store.close();
    }

    Process serve(String name, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.spool.Main", "serve", "--data-dir", data.toString(),
                "--slots", "1", "--name", name, "--port", "0"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + "-" + children.size() + ".log").toFile()).start();
        children.add(p);
        return p;
    }

    Job submit(RecoveryPolicy policy, int clips) throws IOException {
        Path card = dir.resolve("card");
        Files.createDirectories(card);
        for (int i = 0; i < clips; i++) Files.copy(TestMedia.threeSecond360p(), card.resolve("clip" + i + ".mp4"));
        SpoolConfig config = new SpoolConfig(data, null, null, null, 0, false);
        PresetRegistry presets = PresetRegistry.load(config.dataDir().resolve("presets"));
        return new JobSubmitter(store, () -> presets, List.of()).submit(
                JobRequest.of(List.of(card.toString()), "prores_hq", out.toString()).withRecovery(policy, 3));
    }

    /** Waits until some clip completed and the next one is running, then kills the server with SIGKILL. */
    Map<Path, FileTime> killMidJob(Process server, Job job) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var c = store.getJob(job.id()).counts();
            return c.completed() >= 1 && c.running() == 1;
        });
        server.destroyForcibly().waitFor();
        Map<Path, FileTime> outputs = new HashMap<>();
        for (Task t : store.tasksOf(job.id())) {
            if (t.status() != TaskStatus.COMPLETED) continue;
            Path file = Path.of(com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(t.result())
                    .get("outputs").get(0).get("path").asText());
            outputs.put(file, Files.getLastModifiedTime(file));
        }
        assertThat(outputs).isNotEmpty();
        return outputs;
    }

    void assertUntouchedAndClean(Map<Path, FileTime> before) throws IOException {
        for (Map.Entry<Path, FileTime> e : before.entrySet()) {
            assertThat(Files.getLastModifiedTime(e.getKey())).as("rewritten: " + e.getKey()).isEqualTo(e.getValue());
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".spool-tmp-"));
        }
    }

    @Test
    void manual_policy_freezes_a_killed_job_until_resumed_then_runs_only_unfinished_clips() throws Exception {
        Job job = submit(RecoveryPolicy.MANUAL, 4);
        Process first = serve("node-a");
        Map<Path, FileTime> done = killMidJob(first, job);
        int completedBefore = store.getJob(job.id()).counts().completed();

        serve("node-a");

        await().atMost(Duration.ofSeconds(30)).until(() -> store.getJob(job.id()).status() == JobStatus.RECOVERY_REQUIRED);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> store.getJob(job.id()).counts().running() == 0
                        && store.getJob(job.id()).counts().completed() == completedBefore);

        CliRun refused = CliRun.of("resume", job.id(), "--data-dir", data.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");
        CliRun resumed = CliRun.of("resume", job.id(), "--yes", "--data-dir", data.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Clips that will run (" + (4 - completedBefore) + ")")
                .contains("Completed clips that will NOT be re-run: " + completedBefore);

        await().atMost(Duration.ofSeconds(60)).until(() -> store.getJob(job.id()).status().isTerminal());
        Job end = store.getJob(job.id());
        assertThat(end.counts().completed()).isEqualTo(4);
        assertThat(end.status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
        assertUntouchedAndClean(done);
        assertThat(store.tasksOf(job.id())).filteredOn(t -> !t.warnings().isEmpty()).singleElement()
                .satisfies(t -> assertThat(t.warnings().get(0)).contains("node-a"));
    }

    @Test
    void auto_policy_requeues_a_killed_workers_clip_on_another_worker() throws Exception {
        Job job = submit(RecoveryPolicy.AUTO, 3);
        Process first = serve("node-a", "--lease", "PT2S");
        Map<Path, FileTime> done = killMidJob(first, job);
        String interrupted = store.tasksOf(job.id()).stream().filter(t -> t.status() == TaskStatus.RUNNING)
                .findFirst().orElseThrow().id();

        serve("node-b", "--lease", "PT2S");

        await().atMost(Duration.ofSeconds(60)).until(() -> store.getJob(job.id()).status().isTerminal());
        Job end = store.getJob(job.id());
        assertThat(end.counts().completed()).isEqualTo(3);
        Task retried = store.findTask(interrupted).orElseThrow();
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.workerId()).endsWith("/node-b");
        assertUntouchedAndClean(done);
    }

    @Test
    void sigterm_drains_the_running_clip_and_starts_nothing_new() throws Exception {
        Job job = submit(RecoveryPolicy.MANUAL, 3);
        Process server = serve("node-a");
        await().atMost(Duration.ofSeconds(60)).until(() -> store.getJob(job.id()).counts().running() == 1);

        server.destroy();

        assertThat(server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Job after = store.getJob(job.id());
        assertThat(after.counts().running()).isZero();
        assertThat(after.counts().queued()).isPositive();
        assertThat(after.status()).isEqualTo(JobStatus.RUNNING);
        assertUntouchedAndClean(Map.of());
    }
}
