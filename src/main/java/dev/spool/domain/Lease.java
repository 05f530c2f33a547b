package dev.spool.domain;

/**
 * A worker's claim on one task attempt. Every write a worker makes about a running task is guarded by
 * all three fields plus status RUNNING (DESIGN.md guarantee 3).
 */
public record Lease(String taskId, int attempt, String workerId) {
}
