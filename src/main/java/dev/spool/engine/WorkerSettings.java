package dev.spool.engine;

import java.time.Duration;

/**
 * How a worker pool behaves. All durations are validated once; see {@link #defaults(String)}.
 *
 * @param workerId        stable identity of this worker process; leases are held in its name, and a
 *                        worker restarting under the same id recovers its previous leases at once
 * @param cpuSlots        tasks run at the same time (default: half the cores, at least 1)
 * @param lease           how long a claim lasts without a heartbeat
 * @param heartbeat       how often leases are renewed (must be well under {@code lease})
 * @param poll            how often to look for work when idle
 * @param controlPoll     how often running tasks are checked for stop requests (cancel with stop)
 * @param progressEvery   minimum interval between stored progress writes per task (coalescing)
 * @param maintenance     how often the leader rescues lapsed leases
 * @param onlyJobId       when set, claim only this job's tasks ({@code spool run}'s one-shot pool)
 */
public record WorkerSettings(String workerId, int cpuSlots, Duration lease, Duration heartbeat, Duration poll,
                             Duration controlPoll, Duration progressEvery, Duration maintenance, String onlyJobId) {

    public WorkerSettings(String workerId, int cpuSlots, Duration lease, Duration heartbeat, Duration poll,
                          Duration controlPoll, Duration progressEvery, Duration maintenance) {
        this(workerId, cpuSlots, lease, heartbeat, poll, controlPoll, progressEvery, maintenance, null);
    }

    public WorkerSettings {
        if (workerId == null || workerId.isBlank()) throw new IllegalArgumentException("workerId is required");
        if (cpuSlots < 1) throw new IllegalArgumentException("cpuSlots must be at least 1, got " + cpuSlots);
        if (heartbeat.compareTo(lease.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("heartbeat (" + heartbeat + ") must be at most half the lease (" + lease + ")");
        }
    }

    public static WorkerSettings defaults(String workerId) {
        int slots = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new WorkerSettings(workerId, slots, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    public WorkerSettings withSlots(int n) {
        return new WorkerSettings(workerId, n, lease, heartbeat, poll, controlPoll, progressEvery, maintenance, onlyJobId);
    }

    public WorkerSettings withLease(Duration leaseFor, Duration beat) {
        return new WorkerSettings(workerId, cpuSlots, leaseFor, beat, poll, controlPoll, progressEvery, maintenance,
                onlyJobId);
    }

    public WorkerSettings withMaintenance(Duration every) {
        return new WorkerSettings(workerId, cpuSlots, lease, heartbeat, poll, controlPoll, progressEvery, every,
                onlyJobId);
    }

    public WorkerSettings onlyJob(String jobId) {
        return new WorkerSettings(workerId, cpuSlots, lease, heartbeat, poll, controlPoll, progressEvery, maintenance,
                jobId);
    }
}
