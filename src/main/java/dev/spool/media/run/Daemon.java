package dev.spool.media.run;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for stream draining and watchdogs. Daemon threads so that a forgotten process never keeps
 * the JVM alive; cached because drains block on IO and must never queue behind each other.
 */
final class Daemon {
    static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(named("spool-media-io"));
    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(named("spool-media-watchdog"));

    private Daemon() {
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
