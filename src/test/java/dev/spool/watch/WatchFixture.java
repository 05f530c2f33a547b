package dev.spool.watch;

import dev.spool.domain.Job;
import dev.spool.engine.JobSubmitter;
import dev.spool.preset.PresetRegistry;
import dev.spool.store.SqlJobStore;
import dev.spool.store.WatchStore;
import dev.spool.testing.MutableClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A watch service over a real SQLite file in {@code dir}, with a hand-moved clock and a settable free-disk
 * figure. {@link #restart()} closes everything and opens a new store and service on the same database.
 */
final class WatchFixture implements AutoCloseable {
    static final PresetRegistry PRESETS = PresetRegistry.builtIn();
    static final long MB = 1024 * 1024;

    final Path dir;
    final Path db;
    final MutableClock clock = new MutableClock(Instant.parse("2024-05-17T10:00:00Z"));
    final AtomicLong freeBytes = new AtomicLong(100_000 * MB);
    final AtomicInteger startedCallbacks = new AtomicInteger();
    SqlJobStore store;
    WatchStore watch;
    WatchService service;

    WatchFixture(Path dir) {
        this.dir = dir;
        this.db = dir.resolve("spool.db");
        open();
    }

    private void open() {
        store = SqlJobStore.open("jdbc:sqlite:" + db, clock);
        watch = new WatchStore(store.database());
        service = newService(clock);
    }

    WatchService newService(java.time.Clock c) {
        return newService(c, "test-node");
    }

    WatchService newService(java.time.Clock c, String nodeId) {
        AutoExecuteGuard guard = new AutoExecuteGuard(() -> PRESETS, 1024 * MB, p -> freeBytes.get());
        return new WatchService(store, watch, new JobSubmitter(store, () -> PRESETS, List.of()), guard, c, nodeId,
                Duration.ofMillis(200), startedCallbacks::incrementAndGet);
    }

    void restart() {
        service.close();
        store.close();
        open();
    }

    WatchStore.Folder add(WatchFolderInput in) {
        return watch.insert("w" + System.nanoTime(), new WatchFolderValidator(() -> PRESETS, List.of()).forCreate(in));
    }

    static WatchFolderInput transcode(Path folder, Path out) {
        return new WatchFolderInput(folder.toString(), null, "h264_540p_proxy", out.toString(), null, false, false, null,
                10, null);
    }

    static WatchFolderInput autoTranscode(Path folder, Path out, int maxActive) {
        return new WatchFolderInput(folder.toString(), null, "h264_540p_proxy", out.toString(), null, false, true, null,
                10, maxActive);
    }

    /** Scans, moves the clock past the stability time, scans again: what a settled file needs. */
    List<WatchService.FolderScan> settle() {
        service.scanOnce();
        clock.advance(Duration.ofSeconds(11));
        return service.scanOnce();
    }

    List<Job> jobs() {
        return store.listJobs(Set.of(), null, 1000).items();
    }

    Set<String> sources() {
        return jobs().stream().flatMap(j -> store.tasksOf(j.id()).stream()).map(t -> Path.of(t.source()).getFileName().toString())
                .collect(Collectors.toSet());
    }

    /** Writes a file with a fixed mtime (so a rewrite with the same bytes and mtime is the same version). */
    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    static void touch(Path file, Instant mtime) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    @Override
    public void close() {
        service.close();
        store.close();
    }
}
