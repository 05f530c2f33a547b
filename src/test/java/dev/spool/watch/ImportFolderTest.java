package dev.spool.watch;

import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.engine.ImportExecutor;
import dev.spool.engine.ReportService;
import dev.spool.engine.WorkerPool;
import dev.spool.engine.WorkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 000's ComfyUI auto-import: finished files land unchanged in {@code <dest>/<YYYY-MM-DD>/}, a taken name
 * gets {@code _001}, each import is a job with a report. Real files, a real worker pool, a real SQLite file.
 */
class ImportFolderTest {
    @TempDir
    Path dir;

    @Test
    void stable_files_are_copied_into_a_dated_folder_with_a_suffix_on_collision_and_reported() throws Exception {
        Path comfyOut = Files.createDirectories(dir.resolve("ComfyUI/output"));
        Path dest = dir.resolve("project/media/comfy");
        try (WatchFixture fx = new WatchFixture(dir); WorkerPool pool = pool(fx)) {
            fx.add(new WatchFolderInput(comfyOut.toString(), "import", null, dest.toString(), null, false, true, null, 2, 4));
            Path day = dest.resolve(LocalDate.ofInstant(fx.clock.instant(), ZoneId.systemDefault()).toString());
            Files.createDirectories(day);
            Files.writeString(day.resolve("ComfyUI_00001_.png"), "an earlier import");
            WatchFixture.write(comfyOut.resolve("ComfyUI_00001_.png"), "new image");
            WatchFixture.write(comfyOut.resolve("clip.mp4"), "new video");
            WatchFixture.write(comfyOut.resolve("prompt.json"), "not imported");

            fx.settle();
            List<Job> jobs = fx.jobs();
            // auto-executed, not held: the pool may already have finished one by now
            assertThat(jobs).hasSize(2).allSatisfy(j -> assertThat(j.status()).isNotEqualTo(JobStatus.PENDING));
            pool.wakeUp();
            await().atMost(Duration.ofSeconds(20)).until(() -> fx.jobs().stream().allMatch(j -> j.status().isTerminal()
                    && j.reportDir() != null));

            assertThat(Files.readString(day.resolve("ComfyUI_00001_.png"))).as("never overwritten").isEqualTo("an earlier import");
            assertThat(Files.readString(day.resolve("ComfyUI_00001__001.png"))).isEqualTo("new image");
            assertThat(Files.readString(day.resolve("clip.mp4"))).isEqualTo("new video");
            assertThat(comfyOut.resolve("clip.mp4")).as("copy keeps the source").exists();
            try (var left = Files.list(day)) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no temporaries left")
                        .containsExactlyInAnyOrder("ComfyUI_00001_.png", "ComfyUI_00001__001.png", "clip.mp4");
            }

            Job png = fx.jobs().stream().filter(j -> j.name().contains(".png")).findFirst().orElseThrow();
            assertThat(png.status()).isEqualTo(JobStatus.COMPLETED_WITH_WARNINGS);
            assertThat(fx.store.tasksOf(png.id()).get(0).warnings()).singleElement().asString()
                    .contains("imported as ComfyUI_00001__001.png");
            Path report = Path.of(png.reportDir()).resolve("spool-report-" + png.id() + ".json");
            assertThat(Files.readString(report)).contains("ComfyUI_00001__001.png");

            fx.clock.advance(Duration.ofMinutes(1));
            fx.service.scanOnce();
            assertThat(fx.jobs()).as("imported once").hasSize(2);
        }
    }

    @Test
    void move_mode_moves_the_file_and_leaves_nothing_behind() throws Exception {
        Path comfyOut = Files.createDirectories(dir.resolve("ComfyUI/output"));
        Path dest = dir.resolve("project/media/comfy");
        try (WatchFixture fx = new WatchFixture(dir); WorkerPool pool = pool(fx)) {
            fx.add(new WatchFolderInput(comfyOut.toString(), "import", null, dest.toString(), "move", false, true, null, 2, 1));
            WatchFixture.write(comfyOut.resolve("render.webp"), "pixels");
            fx.settle();
            pool.wakeUp();
            await().atMost(Duration.ofSeconds(20)).until(() -> fx.jobs().get(0).status() == JobStatus.COMPLETED);
            Path day = dest.resolve(LocalDate.ofInstant(fx.clock.instant(), ZoneId.systemDefault()).toString());
            assertThat(Files.readString(day.resolve("render.webp"))).isEqualTo("pixels");
            assertThat(comfyOut.resolve("render.webp")).doesNotExist();
        }
    }

    private static WorkerPool pool(WatchFixture fx) {
        WorkerSettings ws = new WorkerSettings("import-worker", 2, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(1));
        ReportService reports = new ReportService(fx.store, () -> WatchFixture.PRESETS, null, Clock.systemUTC());
        return new WorkerPool(fx.store, List.of(new ImportExecutor(0)), ws).onJobEnded(reports::writeFor).start();
    }
}
