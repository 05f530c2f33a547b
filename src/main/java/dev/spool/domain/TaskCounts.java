package dev.spool.domain;

/**
 * How many of a job's tasks are in each state, plus how many carry warnings.
 * {@link #aggregate()} is 002's status aggregation.
 */
public record TaskCounts(int queued, int running, int completed, int skipped, int failed, int withWarnings) {

    public static final TaskCounts NONE = new TaskCounts(0, 0, 0, 0, 0, 0);

    public int total() {
        return queued + running + completed + skipped + failed;
    }

    public boolean allTerminal() {
        return queued == 0 && running == 0;
    }

    /**
     * The terminal status a job reaches once all its tasks are terminal: COMPLETED only when every task
     * completed without warnings; any failed or skipped clip, or any warning, gives
     * COMPLETED_WITH_WARNINGS (warn-and-continue). A clip failure never makes the job FAILED: that is
     * reserved for the engine being unable to continue, which is not a function of task counts.
     *
     * @throws IllegalStateException when some task is still queued or running
     */
    public JobStatus aggregate() {
        if (!allTerminal()) {
            throw new IllegalStateException("job still has " + queued + " queued and " + running + " running tasks");
        }
        return failed == 0 && skipped == 0 && withWarnings == 0
                ? JobStatus.COMPLETED
                : JobStatus.COMPLETED_WITH_WARNINGS;
    }
}
