package dev.spool.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The background loop: two started services on one store, only the {@code watch} leader ingests. */
class WatchLoopTest {
    @TempDir
    Path dir;

    @Test
    void two_nodes_polling_the_same_store_ingest_a_file_once() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        try (WatchFixture fx = new WatchFixture(dir);
             WatchService a = fx.newService(Clock.systemUTC(), "node-a");
             WatchService b = fx.newService(Clock.systemUTC(), "node-b")) {
            fx.add(new WatchFolderInput(in.toString(), null, "h264_540p_proxy", dir.resolve("out").toString(), null,
                    false, false, null, 1, null));
            a.start();
            b.start();
            WatchFixture.write(in.resolve("A001.mov"), "clip");
            await().atMost(Duration.ofSeconds(20)).until(() -> fx.jobs().size() == 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> fx.jobs().size() == 1);
            assertThat(fx.watch.list().get(0).lastScanAt()).isNotNull();
        }
    }
}
