package dev.spool.media.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class StallWatchdogTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final StallWatchdog watchdog = new StallWatchdog(Duration.ofSeconds(10), now::get);

    private static Progress at(long frame, long micros) {
        return new Progress(frame, null, Duration.ofNanos(micros * 1000), null, null, null, null, false);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void a_run_that_never_reports_stalls_after_the_timeout() {
        advance(Duration.ofSeconds(9));
        assertThat(watchdog.isStalled()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(watchdog.isStalled()).isTrue();
    }

    @Test
    void repeated_identical_reports_do_not_count_as_progress() {
        watchdog.observe(at(10, 400_000));
        advance(Duration.ofSeconds(6));
        watchdog.observe(at(10, 400_000));
        advance(Duration.ofSeconds(6));

        assertThat(watchdog.isStalled()).isTrue();
        assertThat(watchdog.quietFor()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void advancing_reports_keep_it_alive() {
        for (int i = 1; i <= 5; i++) {
            advance(Duration.ofSeconds(6));
            watchdog.observe(at(10L * i, 400_000L * i));
            assertThat(watchdog.isStalled()).isFalse();
        }
        assertThat(watchdog.lastProgress().frame()).isEqualTo(50);
    }
}
