package dev.spool.domain;

import java.time.Instant;

/**
 * A stored event: every job/task state change and coalesced progress step, written in the same
 * transaction as the change it describes. Ids increase monotonically; clients resume from one.
 *
 * @param taskId  null for job-level events
 * @param payload JSON object
 */
public record Event(long id, String jobId, String taskId, String type, String payload, Instant time) {
}
