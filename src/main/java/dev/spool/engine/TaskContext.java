package dev.spool.engine;

import java.util.Map;

/** What a running executor can tell the worker and learn from it. */
public interface TaskContext {
    /** The worker running this attempt. */
    String workerId();

    /**
     * Latest progress of this attempt (a JSON-serialisable map). Cheap to call often: the worker keeps only
     * the latest value and writes it, coalesced, a few times per second at most.
     */
    void progress(Map<String, Object> progress);

    /** True once the attempt must stop: job cancelled with stop, lease lost, or the worker shutting down. */
    boolean stopRequested();

    /** Why the attempt must stop, or null while it need not. */
    String stopReason();

    /** Registers an action run once, on the worker's thread, when a stop is requested (e.g. stop ffmpeg). */
    void onStop(Runnable action);
}
