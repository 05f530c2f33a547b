package dev.spool.domain;

import java.util.Locale;

/**
 * What happens to a job whose worker died mid-task.
 * <ul>
 *   <li>{@code MANUAL}: the job becomes RECOVERY_REQUIRED and nothing runs until an operator resumes it (002).</li>
 *   <li>{@code AUTO}: an expired lease re-queues the task with attempt+1 up to max attempts, then fails it.</li>
 * </ul>
 */
public enum RecoveryPolicy {
    MANUAL, AUTO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code manual} or {@code auto} (any case); the message names the accepted values. */
    public static RecoveryPolicy parse(String value) {
        if (value != null) {
            for (RecoveryPolicy p : values()) {
                if (p.name().equalsIgnoreCase(value.trim())) return p;
            }
        }
        throw new IllegalArgumentException("recovery policy must be 'manual' or 'auto', got '" + value + "'");
    }
}
