package dev.spool.watch;

import dev.spool.preset.PresetRegistry;
import dev.spool.preset.PresetValidationException;
import dev.spool.store.WatchStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * 002's execution automation mediator: decides whether a job a watch folder created may start at once.
 * Auto-execution needs the folder's explicit opt-in and every safety check passing, in this order:
 * preset bound and valid (transcode folders), free disk on the output folder at or above the floor
 * ({@code minFreeDiskMb}), and fewer than the folder's {@code maxActiveJobs} of its jobs active. Any failure
 * leaves the job PENDING with the reason, never starts it half-checked.
 */
public final class AutoExecuteGuard {
    private final Supplier<PresetRegistry> presets;
    private final long minFreeBytes;
    private final ToLongFunction<Path> freeBytes;

    /** What to do with a new (or held) job. {@code holdReason} is null when it starts or when the folder is manual. */
    public record Decision(boolean start, String holdReason) {
        static final Decision MANUAL = new Decision(false, null);
        static final Decision START = new Decision(true, null);

        static Decision hold(String reason) {
            return new Decision(false, reason);
        }
    }

    /**
     * @param freeBytes usable bytes on the file system holding a folder (tests pass a fake); see {@link #usableSpace}
     */
    public AutoExecuteGuard(Supplier<PresetRegistry> presets, long minFreeBytes, ToLongFunction<Path> freeBytes) {
        this.presets = presets;
        this.minFreeBytes = minFreeBytes;
        this.freeBytes = freeBytes;
    }

    /** @param activeJobs the folder's jobs now RUNNING, PAUSED or RECOVERY_REQUIRED */
    public Decision decide(WatchStore.Settings folder, String boundPreset, int activeJobs) {
        if (!folder.autoExecute()) return Decision.MANUAL;
        if (folder.action() == WatchStore.Action.TRANSCODE) {
            if (boundPreset == null || boundPreset.isBlank()) return Decision.hold("no preset bound");
            try {
                presets.get().resolve(boundPreset);
            } catch (PresetValidationException e) {
                return Decision.hold("preset '" + boundPreset + "' is not valid: " + e.getMessage());
            }
        }
        long free = freeBytes.applyAsLong(Path.of(folder.outputDir()));
        if (free < minFreeBytes) {
            return Decision.hold(String.format("free disk %d MB at %s is below the %d MB floor (minFreeDiskMb)",
                    free >> 20, folder.outputDir(), minFreeBytes >> 20));
        }
        if (activeJobs >= folder.maxActiveJobs()) {
            return Decision.hold("concurrency limit: " + activeJobs + " of this folder's jobs active (maxActiveJobs "
                    + folder.maxActiveJobs() + ")");
        }
        return Decision.START;
    }

    /** Usable bytes where {@code dir} is, or its nearest existing parent when it does not exist yet; 0 if unknown. */
    public static long usableSpace(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return 0;
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
