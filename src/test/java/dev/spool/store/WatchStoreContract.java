package dev.spool.store;

import dev.spool.domain.Job;
import dev.spool.domain.JobStatus;
import dev.spool.domain.NewJob;
import dev.spool.domain.NewTask;
import dev.spool.store.WatchStore.Action;
import dev.spool.store.WatchStore.FileKey;
import dev.spool.store.WatchStore.Ingested;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contract of {@link WatchStore}; runs on SQLite and PostgreSQL. */
abstract class WatchStoreContract {
    protected abstract String freshDatabaseUrl();

    protected void dropDatabase(String url) {
    }

    String url;
    SqlJobStore jobs;
    WatchStore watch;

    @BeforeEach
    void open() {
        url = freshDatabaseUrl();
        jobs = SqlJobStore.open(url, Clock.systemUTC());
        watch = new WatchStore(jobs.database());
    }

    @AfterEach
    void close() {
        jobs.close();
        dropDatabase(url);
    }

    static WatchStore.Settings aTranscodeFolder(String path) {
        return new WatchStore.Settings(path, Action.TRANSCODE, "h264_540p_proxy", "/out", null, true, true,
                List.of("mov", "mxf"), Duration.ofSeconds(10), 2);
    }

    @Test
    void a_folder_round_trips_with_its_settings_and_paths_are_unique() {
        WatchStore.Folder f = watch.insert("w1", aTranscodeFolder("/media/in"));
        assertThat(f.settings()).isEqualTo(aTranscodeFolder("/media/in"));
        assertThat(f.status()).isEqualTo(WatchStore.Status.ACTIVE);
        assertThat(f.createdAt()).isNotNull();
        assertThat(watch.list()).extracting(WatchStore.Folder::id).containsExactly("w1");
        assertThatThrownBy(() -> watch.insert("w2", aTranscodeFolder("/media/in")))
                .isInstanceOf(WatchStore.DuplicateWatchFolderException.class).hasMessageContaining("/media/in");
        WatchStore.Settings imp = new WatchStore.Settings("/comfy/output", Action.IMPORT, null, "/project/media/comfy",
                WatchStore.ImportMode.MOVE, false, true, List.of("png"), Duration.ofSeconds(1), 1);
        assertThat(watch.insert("w3", imp).settings()).isEqualTo(imp);
    }

    @Test
    void pause_offline_and_online_change_the_visible_status() {
        watch.insert("w1", aTranscodeFolder("/media/in"));
        assertThat(watch.setEnabled("w1", false)).hasValueSatisfying(f -> assertThat(f.status()).isEqualTo(WatchStore.Status.PAUSED));
        watch.setEnabled("w1", true);
        watch.markOffline("w1", "folder not found");
        WatchStore.Folder off = watch.find("w1").orElseThrow();
        assertThat(off.status()).isEqualTo(WatchStore.Status.OFFLINE);
        assertThat(off.offlineReason()).isEqualTo("folder not found");
        assertThat(off.offlineSince()).isNotNull();
        assertThat(watch.markOnline("w1")).isTrue();
        assertThat(watch.markOnline("w1")).as("already online").isFalse();
        assertThat(watch.find("w1").orElseThrow().status()).isEqualTo(WatchStore.Status.ACTIVE);
        assertThat(watch.setEnabled("nope", false)).isEmpty();
    }

    @Test
    void update_replaces_settings_and_scans_are_recorded() {
        watch.insert("w1", aTranscodeFolder("/media/in"));
        WatchStore.Settings changed = new WatchStore.Settings("/media/in", Action.TRANSCODE, "other", "/out2", null, false,
                false, List.of("mp4"), Duration.ofSeconds(3), 5);
        assertThat(watch.update("w1", changed)).hasValueSatisfying(f -> assertThat(f.settings()).isEqualTo(changed));
        assertThat(watch.update("nope", changed)).isEmpty();
        watch.scanned("w1", 42, "boom");
        WatchStore.Folder f = watch.find("w1").orElseThrow();
        assertThat(f.lastScanFiles()).isEqualTo(42);
        assertThat(f.lastError()).isEqualTo("boom");
        assertThat(f.lastScanAt()).isNotNull();
    }

    @Test
    void ingested_keys_are_recorded_once_and_survive_a_new_store_on_the_same_database() {
        watch.insert("w1", aTranscodeFolder("/media/in"));
        Job job = jobs.createJob(NewJob.of("j", List.of(NewTask.of("k", "/media/in/a.mov"))).withStart(false));
        FileKey a = new FileKey("/media/in/a.mov", 10, 1000);
        watch.recordIngested("w1", List.of(new Ingested(a, job.id(), "disk low")));
        watch.recordIngested("w1", List.of(new Ingested(a, job.id(), "disk low")));
        List<Ingested> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) many.add(new Ingested(new FileKey("/media/in/f" + i + ".mov", i, i), null, null));
        watch.recordIngested("w1", many);

        try (SqlJobStore again = SqlJobStore.open(url, Clock.systemUTC())) {
            WatchStore reopened = new WatchStore(again.database());
            assertThat(reopened.keys("w1")).hasSize(2501).contains(a);
            WatchStore.Folder f = reopened.find("w1").orElseThrow();
            assertThat(f.jobsCreated()).isEqualTo(1);
            assertThat(f.jobsHeld()).isEqualTo(1);
            assertThat(reopened.heldJobs("w1")).singleElement().satisfies(h -> {
                assertThat(h.jobId()).isEqualTo(job.id());
                assertThat(h.holdReason()).isEqualTo("disk low");
                assertThat(h.jobStatus()).isEqualTo("PENDING");
            });
        }
    }

    @Test
    void held_and_active_jobs_follow_the_job_status() {
        watch.insert("w1", aTranscodeFolder("/media/in"));
        Job held = jobs.createJob(NewJob.of("held", List.of(NewTask.of("k", "a"))).withStart(false));
        Job running = jobs.createJob(NewJob.of("running", List.of(NewTask.of("k", "b"))));
        watch.recordIngested("w1", List.of(new Ingested(new FileKey("a", 1, 1), held.id(), "limit"),
                new Ingested(new FileKey("b", 1, 1), running.id(), null)));
        assertThat(watch.activeJobs("w1")).isEqualTo(1);
        assertThat(watch.heldJobs("w1")).extracting(WatchStore.WatchJob::jobId).containsExactly(held.id());

        jobs.start(held.id());
        watch.setHoldReason(held.id(), null);
        assertThat(watch.heldJobs("w1")).isEmpty();
        assertThat(watch.activeJobs("w1")).isEqualTo(2);
        assertThat(watch.recentJobs("w1", 10)).hasSize(2).allSatisfy(j -> assertThat(j.jobStatus()).isEqualTo(JobStatus.RUNNING.name()));
        jobs.cancel(running.id());
        assertThat(watch.activeJobs("w1")).isEqualTo(1);
    }

    @Test
    void deleting_a_folder_forgets_its_keys_but_keeps_its_jobs() {
        watch.insert("w1", aTranscodeFolder("/media/in"));
        Job job = jobs.createJob(NewJob.of("j", List.of(NewTask.of("k", "a"))).withStart(false));
        watch.recordIngested("w1", List.of(new Ingested(new FileKey("a", 1, 1), job.id(), null)));
        assertThat(watch.delete("w1")).isTrue();
        assertThat(watch.delete("w1")).isFalse();
        assertThat(watch.keys("w1")).isEmpty();
        assertThat(jobs.findJob(job.id())).isPresent();
    }
}
