package dev.spool.engine;

import dev.spool.domain.Task;
import dev.spool.domain.TaskOutcome;

/**
 * Runs one kind of task (transcode, sequence, concat ...) for one attempt. Implementations report
 * progress through the context, check {@link TaskContext#stopRequested()} or register a stop hook, clean
 * up their temporary files when stopped, and return an outcome value; exceptions are for the unexpected
 * and are recorded as a failure with the exception's message.
 */
public interface TaskExecutor {
    /** The task kind this executor handles, e.g. {@code transcode}. */
    String kind();

    TaskOutcome execute(Task task, TaskContext context) throws Exception;
}
