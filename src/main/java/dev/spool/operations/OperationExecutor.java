package dev.spool.operations;

import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;
import dev.spool.engine.TaskContext;
import dev.spool.engine.TaskExecutor;

import java.io.IOException;

/**
 * What every operation executor shares: its kind, the {@link OperationKit}, and the rule that a step
 * stopping the operation ({@link OperationKit.Stop}: a failed check, a refused input, a stop request)
 * becomes the task's outcome value rather than an exception.
 */
abstract class OperationExecutor implements TaskExecutor {
    protected final OperationKit kit;
    private final String kind;

    OperationExecutor(String kind, OperationKit kit) {
        this.kind = kind;
        this.kit = kit;
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final TaskOutcome execute(Task task, TaskContext ctx) throws IOException {
        try {
            return run(task, ctx);
        } catch (OperationKit.Stop stop) {
            return stop.outcome;
        }
    }

    /** The operation itself; throw {@link OperationKit.Stop} to end it with an outcome. */
    protected abstract TaskOutcome run(Task task, TaskContext ctx) throws IOException, OperationKit.Stop;
}
