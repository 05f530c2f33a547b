package dev.spool.watch;

import dev.spool.domain.Job;
import dev.spool.store.WatchStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A large file copied slowly into a watched folder, in real time: chunks every 300 ms for about 4.5 s while
 * the test scans as fast as it can. The file must not be taken while it grows, and must be taken exactly once
 * with its final size after it stops.
 */
class SlowCopyTest {
    static final int CHUNKS = 15;
    static final int CHUNK_BYTES = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void a_file_still_being_written_is_not_taken_and_is_taken_exactly_once_when_complete() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        try (WatchFixture fx = new WatchFixture(dir);
             WatchService realTime = fx.newService(Clock.systemUTC())) {
            fx.add(new WatchFolderInput(in.toString(), null, "h264_540p_proxy", dir.resolve("out").toString(), null,
                    false, false, null, 3, null));
            Path clip = in.resolve("A001_C001.mov");
            AtomicBoolean complete = new AtomicBoolean();
            AtomicBoolean takenEarly = new AtomicBoolean();
            AtomicInteger scans = new AtomicInteger();

            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            FileChannel channel = FileChannel.open(clip, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            AtomicInteger written = new AtomicInteger();
            writer.scheduleAtFixedRate(() -> {
                try {
                    channel.write(ByteBuffer.allocate(CHUNK_BYTES));
                    if (written.incrementAndGet() == CHUNKS) {
                        channel.close();
                        complete.set(true);
                        throw new IllegalStateException("done"); // ends the periodic task
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }, 0, 300, TimeUnit.MILLISECONDS);

            try {
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    boolean doneBefore = complete.get();
                    List<WatchService.FolderScan> result = realTime.scanOnce();
                    scans.incrementAndGet();
                    int created = result.get(0).created().size();
                    if (created > 0 && !doneBefore) takenEarly.set(true);
                    return !fx.jobs().isEmpty();
                });
            } finally {
                writer.shutdownNow();
            }

            assertThat(takenEarly).as("taken while still being written").isFalse();
            assertThat(scans.get()).as("scanned while the copy was running").isGreaterThan(CHUNKS);
            for (int i = 0; i < 5; i++) realTime.scanOnce();
            List<Job> jobs = fx.jobs();
            assertThat(jobs).as("exactly once").hasSize(1);
            WatchStore.Folder folder = fx.watch.list().get(0);
            assertThat(fx.watch.keys(folder.id())).singleElement()
                    .satisfies(k -> assertThat(k.size()).as("taken at its final size").isEqualTo((long) CHUNKS * CHUNK_BYTES));
        }
    }
}
