package dev.spool.engine;

import dev.spool.store.WorkerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link WorkerPool}'s entry in the {@link WorkerRegistry} current: registers it, records its
 * running tasks every {@code every}, and deregisters it on close. Works from the pool's public read-outs
 * ({@code workerId()}, {@code slots()}, {@code runningTaskIds()}), so the pool itself needs no change.
 * Start it after the pool; close it before closing the pool.
 */
public final class WorkerPresence implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerPresence.class);

    private final WorkerPool pool;
    private final WorkerRegistry registry;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "spool-worker-presence");
        t.setDaemon(true);
        return t;
    });

    public WorkerPresence(WorkerPool pool, WorkerRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    public WorkerPresence start(String host, Duration every) {
        registry.register(pool.workerId(), host, pool.slots());
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (!registry.heartbeat(pool.workerId(), pool.runningTaskIds())) {
                    registry.register(pool.workerId(), host, pool.slots());
                }
            } catch (RuntimeException e) {
                log.warn("worker heartbeat to the registry failed (will retry): {}", e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            registry.deregister(pool.workerId());
        } catch (RuntimeException e) {
            log.warn("could not deregister worker {}: {}", pool.workerId(), e.getMessage());
        }
    }
}
