package dev.spool.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.domain.Lease;
import dev.spool.domain.LeaseLostException;
import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.store.JobStore;
import dev.spool.store.RescueReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs tasks from the store within a fixed number of slots: claims as slots free up, renews leases,
 * writes coalesced progress, stops attempts an operator cancelled, and — while it holds leadership —
 * rescues lapsed leases of dead workers. {@link #drain(Duration)} stops claiming, lets running attempts
 * finish up to a grace period, then stops the rest and hands their leases back.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LEADERSHIP = "maintenance";

    private final JobStore store;
    private final Map<String, TaskExecutor> executors;
    private final WorkerSettings settings;
    private final ExecutorService slots;
    private final ScheduledExecutorService scheduler;
    private final Thread dispatcher;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicBoolean claiming = new AtomicBoolean(true);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean wake;
    private volatile java.util.function.Consumer<dev.spool.domain.Job> onJobEnded = j -> { };

    public WorkerPool(JobStore store, List<TaskExecutor> executors, WorkerSettings settings) {
        this.store = store;
        this.executors = executors.stream().collect(Collectors.toMap(TaskExecutor::kind, Function.identity()));
        this.settings = settings;
        this.slots = Executors.newFixedThreadPool(settings.cpuSlots(), named("spool-slot"));
        this.scheduler = Executors.newScheduledThreadPool(2, named("spool-worker"));
        this.dispatcher = named("spool-dispatch").newThread(this::dispatchLoop);
    }

    /** Recovers leases a previous incarnation of this worker left behind, then starts working. */
    public WorkerPool start() {
        RescueReport previous = store.releaseWorker(settings.workerId());
        if (!previous.isEmpty()) {
            log.warn("worker {} restarted: recovered {} interrupted task(s); jobs needing an operator: {}",
                    settings.workerId(), previous.requeued().size() + previous.failed().size(),
                    previous.recoveryRequiredJobs());
        }
        schedule(settings.heartbeat(), this::heartbeat);
        schedule(settings.controlPoll(), this::checkStopRequests);
        schedule(settings.progressEvery(), this::flushProgress);
        schedule(settings.maintenance(), this::maintain);
        dispatcher.start();
        return this;
    }

    /** Called (on a worker thread) when a task this worker finished ended its job. */
    public WorkerPool onJobEnded(java.util.function.Consumer<dev.spool.domain.Job> listener) {
        this.onJobEnded = listener;
        return this;
    }

    public String workerId() {
        return settings.workerId();
    }

    public int slots() {
        return settings.cpuSlots();
    }

    /** Task ids this worker is running now. */
    public Set<String> runningTaskIds() {
        return Set.copyOf(running.keySet());
    }

    /** Asks the dispatcher to look for work now instead of at its next poll (e.g. after a submit). */
    public void wakeUp() {
        signal();
    }

    /**
     * Stops claiming; waits up to {@code grace} for running attempts to finish; stops what is still running
     * and hands its leases back (auto policy: re-queued; manual: the job needs an operator's resume).
     *
     * @return true when everything finished within the grace period
     */
    public boolean drain(Duration grace) {
        claiming.set(false);
        signal();
        boolean finished = awaitIdle(grace);
        if (!finished) {
            log.warn("drain: {} task(s) still running after {}; stopping them", running.size(), grace);
            running.values().forEach(r -> r.requestStop("worker shutting down", StopCause.SHUTDOWN));
            awaitIdle(Duration.ofSeconds(10));
            store.releaseWorker(settings.workerId());
        }
        return finished;
    }

    /** Waits until no task is running (or the timeout passes); true when idle. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                changed.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (claiming.get()) drain(Duration.ZERO);
        dispatcher.interrupt();
        scheduler.shutdownNow();
        slots.shutdownNow();
        try {
            dispatcher.join(5_000);
            slots.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.releaseLead(LEADERSHIP, settings.workerId());
    }

    // --- dispatching --------------------------------------------------------------------------------

    private void dispatchLoop() {
        while (claiming.get() && !Thread.currentThread().isInterrupted()) {
            int free = settings.cpuSlots() - running.size();
            List<Task> claimed = List.of();
            if (free > 0) {
                try {
                    claimed = store.claim(settings.workerId(), free, settings.lease(), settings.onlyJobId());
                } catch (RuntimeException e) {
                    log.warn("claim failed (will retry): {}", e.getMessage());
                }
            }
            for (Task t : claimed) {
                Running r = new Running(t);
                running.put(t.id(), r);
                slots.execute(() -> run(r));
            }
            if (claimed.isEmpty() || claimed.size() == free) waitForChange(settings.poll());
        }
    }

    private void waitForChange(Duration max) {
        lock.lock();
        try {
            if (!wake) changed.await(max.toMillis(), TimeUnit.MILLISECONDS);
            wake = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run(Running r) {
        Task task = r.task;
        TaskOutcome outcome;
        TaskExecutor executor = executors.get(task.kind());
        try {
            if (executor == null) {
                outcome = new TaskOutcome.Failed("no executor for task kind '" + task.kind() + "' on worker "
                        + settings.workerId() + " (known: " + executors.keySet() + ")", null, List.of());
            } else {
                outcome = executor.execute(task, r);
            }
        } catch (Exception | Error e) {
            log.error("task {} ({}) failed unexpectedly", task.id(), task.kind(), e);
            outcome = new TaskOutcome.Failed("internal error: " + e, null, List.of());
        }
        try {
            StopCause cause = r.cause.get();
            if (cause == StopCause.LEASE_LOST || cause == StopCause.SHUTDOWN) {
                log.info("task {} stopped ({}); nothing recorded by this worker", task.id(), r.stopReason);
            } else {
                if (cause == StopCause.CANCELLED && !(outcome instanceof TaskOutcome.Completed)) {
                    outcome = new TaskOutcome.Skipped("cancelled");
                }
                flushProgress(r);
                store.finish(task.lease(), outcome);
                dev.spool.domain.Job job = store.getJob(task.jobId());
                if (job.status().isTerminal()) notifyJobEnded(job);
            }
        } catch (LeaseLostException e) {
            log.warn("task {}: {}", task.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("task {}: could not record its outcome ({}); the lease will lapse and be rescued", task.id(),
                    e.getMessage());
        } finally {
            running.remove(task.id());
            signal();
        }
    }

    private void notifyJobEnded(dev.spool.domain.Job job) {
        try {
            onJobEnded.accept(job);
        } catch (RuntimeException e) {
            log.error("job {}: end-of-job work failed: {}", job.id(), e.getMessage(), e);
        }
    }

    // --- periodic work ------------------------------------------------------------------------------

    private void heartbeat() {
        List<Lease> leases = running.values().stream().map(r -> r.task.lease()).toList();
        if (leases.isEmpty()) return;
        for (Lease lost : store.heartbeat(leases, settings.lease())) {
            Running r = running.get(lost.taskId());
            if (r != null) r.requestStop("lease lost: another worker or the rescuer took this attempt", StopCause.LEASE_LOST);
        }
    }

    private void checkStopRequests() {
        if (running.isEmpty()) return;
        for (String id : store.stopRequested(running.keySet())) {
            Running r = running.get(id);
            if (r != null) r.requestStop("cancelled by an operator", StopCause.CANCELLED);
        }
    }

    private void flushProgress() {
        for (Running r : running.values()) flushProgress(r);
    }

    private void flushProgress(Running r) {
        Map<String, Object> p = r.pendingProgress.getAndSet(null);
        if (p == null) return;
        try {
            store.progress(r.task.lease(), JSON.writeValueAsString(p));
        } catch (LeaseLostException e) {
            r.requestStop("lease lost: another worker or the rescuer took this attempt", StopCause.LEASE_LOST);
        } catch (JsonProcessingException e) {
            log.warn("task {}: progress not serialisable: {}", r.task.id(), e.getMessage());
        }
    }

    private void maintain() {
        Duration ttl = settings.maintenance().multipliedBy(3);
        if (!store.tryLead(LEADERSHIP, settings.workerId(), ttl)) return;
        RescueReport report = store.rescueExpired(500);
        if (!report.isEmpty()) {
            log.warn("rescued lapsed leases: re-queued {}, failed {}, jobs now RECOVERY_REQUIRED {}",
                    report.requeued().size(), report.failed().size(), report.recoveryRequiredJobs());
            signal();
        }
    }

    private void schedule(Duration every, Runnable work) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("{} failed (will retry): {}", work, e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    enum StopCause { CANCELLED, LEASE_LOST, SHUTDOWN }

    /** One attempt in flight; also the executor's {@link TaskContext}. */
    private final class Running implements TaskContext {
        final Task task;
        final AtomicReference<Map<String, Object>> pendingProgress = new AtomicReference<>();
        final AtomicReference<StopCause> cause = new AtomicReference<>();
        final List<Runnable> stopHooks = new CopyOnWriteArrayList<>();
        volatile String stopReason;

        Running(Task task) {
            this.task = task;
        }

        void requestStop(String reason, StopCause why) {
            if (!cause.compareAndSet(null, why)) return;
            stopReason = reason;
            for (Runnable hook : stopHooks) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    log.warn("task {}: stop hook failed: {}", task.id(), e.getMessage());
                }
            }
        }

        @Override
        public String workerId() {
            return settings.workerId();
        }

        @Override
        public void progress(Map<String, Object> progress) {
            pendingProgress.set(new HashMap<>(progress));
        }

        @Override
        public boolean stopRequested() {
            return cause.get() != null;
        }

        @Override
        public String stopReason() {
            return stopReason;
        }

        @Override
        public void onStop(Runnable action) {
            stopHooks.add(action);
            if (stopRequested()) action.run();
        }
    }

    /** For tests and status pages: how many attempts are in flight. */
    public int busySlots() {
        return running.size();
    }

    List<String> executorKinds() {
        return new ArrayList<>(executors.keySet());
    }
}
