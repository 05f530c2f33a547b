package dev.spool.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers, per file not yet ingested, the size and mtime it had when last seen and since when they have
 * not changed. A file is settled once both stayed the same for the stability time across scans; any change
 * restarts its clock. Only observations count, never a file's age alone: a file copied with its original
 * mtime kept still has to be seen unchanged for the whole window. Not thread-safe (one scanner owns it).
 */
final class StabilityTracker {
    private final Map<String, Observation> pending = new HashMap<>();
    private long scan;

    private static final class Observation {
        long size;
        long mtime;
        Instant since;
        long lastScan;
    }

    /** Starts a scan; files not observed during it are forgotten by {@link #endScan()}. */
    void beginScan() {
        scan++;
    }

    /** Records what a file looks like now; true when it has not changed for at least {@code stableFor}. */
    boolean observe(String path, long size, long mtime, Instant now, Duration stableFor) {
        Observation o = pending.get(path);
        if (o == null || o.size != size || o.mtime != mtime) {
            if (o == null) {
                o = new Observation();
                pending.put(path, o);
            }
            o.size = size;
            o.mtime = mtime;
            o.since = now;
        }
        o.lastScan = scan;
        return !now.isBefore(o.since.plus(stableFor));
    }

    /** Forgets a file (taken, or gone). */
    void forget(String path) {
        pending.remove(path);
    }

    /** Forgets files the scan did not see (deleted or renamed). */
    void endScan() {
        Iterator<Observation> it = pending.values().iterator();
        while (it.hasNext()) {
            if (it.next().lastScan != scan) it.remove();
        }
    }

    /** The earliest time after {@code now} a pending file can settle if it stays unchanged; empty when none can. */
    Optional<Instant> nextDue(Duration stableFor, Instant now) {
        return pending.values().stream().map(o -> o.since.plus(stableFor)).filter(now::isBefore).min(Instant::compareTo);
    }

    int pendingCount() {
        return pending.size();
    }

    void clear() {
        pending.clear();
    }
}
