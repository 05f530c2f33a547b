package dev.spool.media.run;

import java.util.ArrayList;
import java.util.List;

/**
 * A cancel request shared between the thread that runs media work and the one that wants it
 * stopped (the engine's cancel). Work registers what to do on cancel; a late registration on an
 * already cancelled signal runs at once. Thread-safe.
 */
public final class CancelSignal {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code action} on cancel (now, if already cancelled). */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return;
            }
        }
        action.run();
    }
}
