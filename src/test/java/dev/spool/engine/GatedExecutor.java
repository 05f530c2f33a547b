package dev.spool.engine;

import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test executor of kind {@code gated}: each attempt blocks until the test opens the gate or the worker
 * asks it to stop, and records what happened to it.
 */
final class GatedExecutor implements TaskExecutor {
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    final Set<String> started = ConcurrentHashMap.newKeySet();
    final Set<String> stopped = ConcurrentHashMap.newKeySet();
    volatile int progressBurst;

    @Override
    public String kind() {
        return "gated";
    }

    @Override
    public TaskOutcome execute(Task task, TaskContext context) throws InterruptedException {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        started.add(task.id() + "#" + task.attempt());
        CountDownLatch stop = new CountDownLatch(1);
        context.onStop(stop::countDown);
        try {
            for (int i = 0; i < progressBurst; i++) context.progress(Map.of("percent", i * 100.0 / progressBurst));
            while (!gate.await(10, TimeUnit.MILLISECONDS)) {
                if (stop.await(0, TimeUnit.MILLISECONDS)) {
                    stopped.add(task.id() + "#" + task.attempt());
                    return new TaskOutcome.Failed("stopped: " + context.stopReason(), null, List.of());
                }
            }
            if ("fail".equals(task.source())) return new TaskOutcome.Failed("asked to fail", "tail", List.of());
            return new TaskOutcome.Completed("{}", List.of());
        } finally {
            concurrent.decrementAndGet();
        }
    }
}
