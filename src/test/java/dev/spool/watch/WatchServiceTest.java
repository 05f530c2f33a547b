package dev.spool.watch;

import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.store.WatchStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scanning, stability, dedupe, offline folders and guarded auto-execution over real files and a real SQLite file. */
class WatchServiceTest {
    @TempDir
    Path dir;
    Path in;
    Path out;
    WatchFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        in = Files.createDirectories(dir.resolve("in"));
        out = dir.resolve("out");
        fx = new WatchFixture(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void a_file_is_taken_only_after_its_size_and_mtime_stayed_unchanged_for_the_stable_time() throws Exception {
        fx.add(WatchFixture.transcode(in, out));
        Path clip = WatchFixture.write(in.resolve("A001.mov"), "part");

        fx.service.scanOnce();
        fx.clock.advance(Duration.ofSeconds(9));
        fx.service.scanOnce();
        assertThat(fx.jobs()).as("unchanged for 9 s of 10").isEmpty();

        Files.writeString(clip, "part and more");   // still being copied: the clock restarts
        fx.service.scanOnce();
        fx.clock.advance(Duration.ofSeconds(9));
        fx.service.scanOnce();
        assertThat(fx.jobs()).as("9 s after the last change").isEmpty();

        fx.clock.advance(Duration.ofSeconds(1));
        List<WatchService.FolderScan> scans = fx.service.scanOnce();
        assertThat(scans).singleElement().satisfies(s -> assertThat(s.created()).hasSize(1));
        Job job = fx.jobs().get(0);
        assertThat(job.status()).as("not auto-executing: waits for an operator").isEqualTo(JobStatus.PENDING);
        assertThat(job.presetId()).isEqualTo("h264_540p_proxy");
        assertThat(fx.store.tasksOf(job.id())).singleElement().satisfies(t -> assertThat(t.source()).isEqualTo(clip.toString()));

        fx.clock.advance(Duration.ofSeconds(30));
        fx.service.scanOnce();
        assertThat(fx.jobs()).as("never twice").hasSize(1);
    }

    @Test
    void an_old_mtime_does_not_make_a_file_stable_without_being_watched_for_the_whole_time() throws Exception {
        fx.add(WatchFixture.transcode(in, out));
        Path clip = WatchFixture.write(in.resolve("A001.mov"), "x");
        WatchFixture.touch(clip, Instant.parse("2020-01-01T00:00:00Z"));   // cp -p keeps the camera's mtime
        fx.service.scanOnce();
        assertThat(fx.jobs()).isEmpty();
        fx.clock.advance(Duration.ofSeconds(10));
        fx.service.scanOnce();
        assertThat(fx.jobs()).hasSize(1);
    }

    @Test
    void hidden_files_symlinks_other_extensions_and_subfolders_of_a_flat_folder_are_skipped() throws Exception {
        fx.add(WatchFixture.transcode(in, out));
        WatchFixture.write(in.resolve("A001.MOV"), "a");
        WatchFixture.write(in.resolve(".A002.mov"), "hidden");
        WatchFixture.write(in.resolve("notes.txt"), "text");
        WatchFixture.write(in.resolve("sub/A003.mov"), "not recursive");
        Path elsewhere = WatchFixture.write(dir.resolve("elsewhere/A004.mov"), "linked");
        Files.createSymbolicLink(in.resolve("A004.mov"), elsewhere);

        fx.settle();
        assertThat(fx.sources()).containsExactly("A001.MOV");
    }

    @Test
    void a_recursive_folder_takes_subfolders_but_not_hidden_ones() throws Exception {
        fx.add(new WatchFolderInput(in.toString(), null, "h264_540p_proxy", out.toString(), null, true, false,
                List.of("mov", ".MXF"), 10, null));
        WatchFixture.write(in.resolve("day1/cam_a/A001.mov"), "a");
        WatchFixture.write(in.resolve("day1/B001.mxf"), "b");
        WatchFixture.write(in.resolve(".Trashes/C001.mov"), "c");
        WatchFixture.write(in.resolve("day1/D001.mp4"), "not in the list");
        fx.settle();
        assertThat(fx.sources()).containsExactlyInAnyOrder("A001.mov", "B001.mxf");
    }

    @Test
    void dedupe_survives_a_restart_and_a_file_replaced_with_new_content_is_taken_again() throws Exception {
        fx.add(WatchFixture.transcode(in, out));
        Path clip = WatchFixture.write(in.resolve("A001.mov"), "take one");
        WatchFixture.touch(clip, Instant.parse("2024-05-17T09:00:00Z"));
        fx.settle();
        assertThat(fx.jobs()).hasSize(1);

        // a new store instance and a new service on the same database: nothing in memory survives
        fx.restart();
        fx.settle();
        fx.clock.advance(Duration.ofMinutes(5));
        fx.service.scanOnce();
        assertThat(fx.jobs()).as("unchanged file after a restart").hasSize(1);

        Files.writeString(clip, "take two, longer");
        WatchFixture.touch(clip, Instant.parse("2024-05-17T09:30:00Z"));
        fx.settle();
        assertThat(fx.jobs()).as("new content is a new version").hasSize(2);

        fx.restart();
        fx.settle();
        assertThat(fx.jobs()).hasSize(2);
    }

    @Test
    void a_folder_that_disappears_goes_offline_with_the_reason_and_resumes_when_it_returns() throws Exception {
        WatchStore.Folder folder = fx.add(WatchFixture.transcode(in, out));
        WatchFixture.write(in.resolve("A001.mov"), "a");
        fx.settle();
        assertThat(fx.jobs()).hasSize(1);

        Path away = dir.resolve("unmounted");
        Files.move(in, away);
        List<WatchService.FolderScan> scans = fx.service.scanOnce();
        assertThat(scans).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(WatchStore.Status.OFFLINE));
        WatchStore.Folder offline = fx.watch.find(folder.id()).orElseThrow();
        assertThat(offline.status()).isEqualTo(WatchStore.Status.OFFLINE);
        assertThat(offline.offlineReason()).contains("folder not found").contains(in.toString());
        fx.clock.advance(Duration.ofSeconds(30));
        fx.service.scanOnce();   // still gone: no crash, still offline
        assertThat(fx.watch.find(folder.id()).orElseThrow().status()).isEqualTo(WatchStore.Status.OFFLINE);

        Files.move(away, in);
        WatchFixture.write(in.resolve("A002.mov"), "new while away");
        fx.settle();
        WatchStore.Folder back = fx.watch.find(folder.id()).orElseThrow();
        assertThat(back.status()).isEqualTo(WatchStore.Status.ACTIVE);
        assertThat(back.offlineReason()).isNull();
        assertThat(fx.sources()).as("the old file is not taken twice").containsExactlyInAnyOrder("A001.mov", "A002.mov");
        assertThat(fx.jobs()).hasSize(2);
    }

    @Test
    void a_paused_folder_is_not_scanned_until_resumed() throws Exception {
        WatchStore.Folder folder = fx.add(WatchFixture.transcode(in, out));
        fx.watch.setEnabled(folder.id(), false);
        WatchFixture.write(in.resolve("A001.mov"), "a");
        fx.settle();
        assertThat(fx.jobs()).isEmpty();
        fx.watch.setEnabled(folder.id(), true);
        fx.settle();
        assertThat(fx.jobs()).hasSize(1);
    }

    @Test
    void auto_execute_starts_a_job_only_within_the_folders_concurrency_limit_and_holds_the_rest_with_the_reason()
            throws Exception {
        WatchStore.Folder folder = fx.add(WatchFixture.autoTranscode(in, out, 1));
        WatchFixture.write(in.resolve("A001.mov"), "a");
        WatchFixture.write(in.resolve("A002.mov"), "b");
        fx.settle();

        Job first = job("A001.mov");
        Job second = job("A002.mov");
        assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(second.status()).isEqualTo(JobStatus.PENDING);
        assertThat(fx.watch.heldJobs(folder.id())).singleElement().satisfies(h -> {
            assertThat(h.jobId()).isEqualTo(second.id());
            assertThat(h.holdReason()).contains("concurrency limit").contains("maxActiveJobs 1");
        });
        assertThat(fx.watch.find(folder.id()).orElseThrow().jobsHeld()).isEqualTo(1);
        assertThat(fx.startedCallbacks.get()).isEqualTo(1);

        // the first ends: the next scan starts the held job
        fx.store.cancel(first.id());
        fx.service.scanOnce();
        assertThat(fx.store.getJob(second.id()).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(fx.watch.heldJobs(folder.id())).isEmpty();
    }

    @Test
    void auto_execute_holds_jobs_while_free_disk_is_below_the_floor() throws Exception {
        WatchStore.Folder folder = fx.add(WatchFixture.autoTranscode(in, out, 4));
        fx.freeBytes.set(200 * WatchFixture.MB);
        WatchFixture.write(in.resolve("A001.mov"), "a");
        fx.settle();
        Job job = job("A001.mov");
        assertThat(job.status()).isEqualTo(JobStatus.PENDING);
        assertThat(fx.watch.heldJobs(folder.id())).singleElement()
                .satisfies(h -> assertThat(h.holdReason()).contains("free disk 200 MB").contains("1024 MB floor"));

        fx.freeBytes.set(50_000 * WatchFixture.MB);
        fx.service.scanOnce();
        assertThat(fx.store.getJob(job.id()).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void a_job_held_for_a_preset_that_became_invalid_names_the_preset() throws Exception {
        WatchStore.Folder folder = fx.add(WatchFixture.autoTranscode(in, out, 1));
        fx.freeBytes.set(0);
        WatchFixture.write(in.resolve("A001.mov"), "a");
        fx.settle();
        Job job = job("A001.mov");
        fx.store.rebind(job.id(), "no_such_preset");
        fx.freeBytes.set(50_000 * WatchFixture.MB);
        fx.service.scanOnce();
        assertThat(fx.store.getJob(job.id()).status()).isEqualTo(JobStatus.PENDING);
        assertThat(fx.watch.heldJobs(folder.id())).singleElement()
                .satisfies(h -> assertThat(h.holdReason()).contains("preset 'no_such_preset' is not valid"));
    }

    @Test
    void a_crash_between_creating_the_job_and_recording_the_file_does_not_create_a_second_job() throws Exception {
        WatchStore.Folder folder = fx.add(WatchFixture.transcode(in, out));
        Path clip = WatchFixture.write(in.resolve("A001.mov"), "a");
        fx.settle();
        Job first = fx.jobs().get(0);
        // simulate the crash: the key never reached the store
        fx.watch.delete(folder.id());
        WatchStore.Folder again = fx.watch.insert(folder.id(), folder.settings());
        fx.restart();
        fx.settle();
        assertThat(fx.jobs()).extracting(Job::id).containsExactly(first.id());
        assertThat(fx.watch.keys(again.id())).extracting(WatchStore.FileKey::path).containsExactly(clip.toString());
    }

    private Job job(String fileName) {
        return fx.jobs().stream().filter(j -> fx.store.tasksOf(j.id()).get(0).source().endsWith(fileName)).findFirst()
                .orElseThrow();
    }
}
