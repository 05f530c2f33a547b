package dev.spool.watch;

import dev.spool.domain.IllegalTransitionException;
import dev.spool.domain.Job;
import dev.spool.domain.NewJob;
import dev.spool.domain.OperationRefusedException;
import dev.spool.app.Engine;
import dev.spool.engine.ImportExecutor;
import dev.spool.engine.InvalidJobRequestException;
import dev.spool.engine.JobRequest;
import dev.spool.engine.JobSubmitter;
import dev.spool.store.JobStore;
import dev.spool.store.SqlJobStore;
import dev.spool.store.WatchStore;
import dev.spool.store.WatchStore.FileKey;
import dev.spool.store.WatchStore.Folder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watch folders at work (002's unattended ingestion, 000's ComfyUI auto-import): scans every enabled folder,
 * waits until a new file is stable, creates one job per file, and starts it only when the folder
 * auto-executes and {@link AutoExecuteGuard} lets it.
 *
 * <p><b>Scan.</b> One directory walk per folder, with sizes and mtimes from the walk. A file is new when its
 * (path, size, mtime) was never ingested: the keys are loaded from the store once per folder, then kept in
 * memory, and the keys a scan ingests are written in one batch. A new file is taken when its size and mtime
 * stayed unchanged for the folder's stability time across scans ({@link StabilityTracker}) and it opens for
 * reading.
 *
 * <p><b>Exactly once.</b> Each job is created with an idempotency key derived from the folder and the file
 * version, before the key is recorded. A crash between the two makes the next scan create the job again,
 * which returns the job already made; so a file version becomes a job at most once, and is never lost.
 *
 * <p><b>Folders that disappear</b> (an unmounted drive) are marked OFFLINE with the reason and skipped until
 * they return; their dedupe keys stay, so nothing is ingested twice when they come back.
 *
 * <p><b>Held jobs.</b> A job auto-execution held (disk low, concurrency limit) stays PENDING with the reason
 * recorded in the store; each scan re-checks the folder's held jobs, oldest first, and starts those that now
 * pass. An operator can always start one by hand.
 *
 * <p><b>Running.</b> {@link #start()} polls every {@code pollInterval} while this node holds the
 * {@value #LEADERSHIP} leadership; file-system events and files about to settle wake it early. Tests call
 * {@link #scanOnce()} directly.
 */
public final class WatchService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchService.class);
    public static final String LEADERSHIP = "watch";
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    private static final Duration EVENT_DEBOUNCE = Duration.ofMillis(250);

    private final JobStore jobs;
    private final WatchStore store;
    private final JobSubmitter submitter;
    private final AutoExecuteGuard guard;
    private final Clock clock;
    private final String nodeId;
    private final Duration pollInterval;
    private final Runnable onJobsStarted;
    private final Map<String, FolderState> states = new HashMap<>();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private ScheduledExecutorService scheduler;
    private FileEvents events;
    private boolean leading;
    private Instant nextDueWake;

    /** In-memory scan state of one folder: its dedupe keys (loaded once) and the files settling. */
    private static final class FolderState {
        Set<FileKey> known;
        Duration stableFor;
        final StabilityTracker tracker = new StabilityTracker();
    }

    /** What one scan of one folder did. */
    public record FolderScan(String folderId, WatchStore.Status status, int files, int settling, List<String> created,
                             int started, int held, String error) {
    }

    /**
     * @param onJobsStarted called after a scan started jobs (e.g. {@code workerPool::wakeUp})
     */
    public WatchService(JobStore jobs, WatchStore store, JobSubmitter submitter, AutoExecuteGuard guard, Clock clock,
                        String nodeId, Duration pollInterval, Runnable onJobsStarted) {
        this.jobs = jobs;
        this.store = store;
        this.submitter = submitter;
        this.guard = guard;
        this.clock = clock;
        this.nodeId = nodeId;
        this.pollInterval = pollInterval;
        this.onJobsStarted = Objects.requireNonNull(onJobsStarted);
    }

    /**
     * The service {@code spool serve} runs next to its engine: the engine's submitter and presets, free disk
     * checked against {@code minFreeDiskMb}, the worker pool woken when jobs start.
     */
    public static WatchService forEngine(Engine engine, SqlJobStore store, long minFreeDiskMb, String nodeId) {
        AutoExecuteGuard guard = new AutoExecuteGuard(engine::presets, minFreeDiskMb * 1024 * 1024,
                AutoExecuteGuard::usableSpace);
        return new WatchService(store, new WatchStore(store.database()), engine.submitter(), guard, Clock.systemUTC(),
                nodeId, DEFAULT_POLL, engine.pool()::wakeUp);
    }

    /** Begins polling (and listening for file events) in the background. */
    public synchronized WatchService start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spool-watch");
            t.setDaemon(true);
            return t;
        });
        try {
            events = new FileEvents(this::wakeUp);
        } catch (IOException | RuntimeException e) {
            log.info("file-system events unavailable ({}); watch folders are polled every {} s", e.getMessage(),
                    pollInterval.toSeconds());
        }
        // why fixed delay: a slow scan (a huge tree on a slow mount) must never overlap the next one
        scheduler.scheduleWithFixedDelay(this::tick, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Asks for a scan soon (coalescing bursts of events); harmless when not started. */
    public void wakeUp() {
        ScheduledExecutorService s = scheduler;
        if (s == null || !wakeQueued.compareAndSet(false, true)) return;
        try {
            s.schedule(() -> {
                wakeQueued.set(false);
                tick();
            }, EVENT_DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            wakeQueued.set(false);
        }
    }

    private void tick() {
        try {
            if (!jobs.tryLead(LEADERSHIP, nodeId, pollInterval.multipliedBy(3))) {
                synchronized (this) {
                    if (leading) log.info("watch folders: {} no longer leads watch scans", nodeId);
                    leading = false;
                    // another node scans now and records keys we do not hold: reload them if we lead again
                    states.clear();
                }
                return;
            }
            synchronized (this) {
                if (!leading) log.info("watch folders: {} leads watch scans", nodeId);
                leading = true;
            }
            scanOnce();
            scheduleDueWake();
        } catch (RuntimeException e) {
            log.error("watch scan failed; retrying at the next poll", e);
        }
    }

    /** Wakes the scanner when the first settling file can settle, instead of up to a poll interval later. */
    private synchronized void scheduleDueWake() {
        Instant now = clock.instant();
        Instant due = null;
        for (FolderState st : states.values()) {
            if (st.stableFor == null) continue;
            // files already due but not taken (unreadable, job refused) wait for the regular poll: no busy loop
            Instant d = st.tracker.nextDue(st.stableFor, now).orElse(null);
            if (d != null && (due == null || d.isBefore(due))) due = d;
        }
        if (due == null || scheduler == null) return;
        if (nextDueWake != null && nextDueWake.isAfter(now) && !nextDueWake.isAfter(due)) return;
        nextDueWake = due;
        long delay = Math.max(0, Duration.between(now, due).toMillis()) + 50;
        if (delay >= pollInterval.toMillis()) return;
        scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
    }

    /** Scans every enabled folder once (no leadership check: callers decide who scans). */
    public synchronized List<FolderScan> scanOnce() {
        List<Folder> folders = store.list();
        Set<String> ids = new HashSet<>();
        List<FolderScan> out = new ArrayList<>();
        boolean started = false;
        for (Folder f : folders) {
            ids.add(f.id());
            if (!f.enabled()) continue;
            FolderScan scan = scan(f);
            out.add(scan);
            started |= scan.started() > 0;
        }
        states.keySet().retainAll(ids);
        if (started) onJobsStarted.run();
        return out;
    }

    private FolderScan scan(Folder folder) {
        FolderState st = states.computeIfAbsent(folder.id(), id -> new FolderState());
        Path root = Path.of(folder.path());
        String missing = !Files.isDirectory(root) ? "folder not found (unmounted drive or renamed?): " + root
                : !Files.isReadable(root) ? "folder is not readable: " + root : null;
        if (missing != null) return offline(folder, st, root, missing);
        if (folder.offlineReason() != null && store.markOnline(folder.id())) {
            log.info("watch folder {} is back; ingestion resumes", root);
        }

        WatchStore.Settings s = folder.settings();
        st.stableFor = s.stableFor();
        int[] files = {0};
        List<Settled> settled = new ArrayList<>();
        try {
            if (st.known == null) st.known = new HashSet<>(store.keys(folder.id()));
            Instant now = clock.instant();
            Set<String> extensions = Set.copyOf(s.extensions());
            st.tracker.beginScan();
            FileEvents ev = events;
            FolderWalker.walk(root, s.recursive(), extensions, new FolderWalker.Visitor() {
                @Override
                public void file(Path file, long size, long mtime) {
                    files[0]++;
                    String path = file.toString();
                    FileKey key = new FileKey(path, size, mtime);
                    if (st.known.contains(key)) return;
                    if (st.tracker.observe(path, size, mtime, now, s.stableFor()) && opensForReading(file)) {
                        settled.add(new Settled(file, key));
                    }
                }

                @Override
                public void directory(Path dir) {
                    if (ev != null) ev.register(dir);
                }
            });
            st.tracker.endScan();
        } catch (IOException e) {
            if (!Files.isDirectory(root)) return offline(folder, st, root, "folder went away during a scan: " + root);
            store.scanned(folder.id(), files[0], "cannot read " + root + ": " + e.getMessage());
            return new FolderScan(folder.id(), folder.status(), files[0], st.tracker.pendingCount(), List.of(), 0, 0,
                    e.getMessage());
        }

        // held jobs first (oldest first), so a job that waited is not overtaken by a newer file
        int active = store.activeJobs(folder.id());
        int started = 0;
        int held = 0;
        for (WatchStore.WatchJob h : store.heldJobs(folder.id())) {
            AutoExecuteGuard.Decision d = decide(folder, h.jobId(), active);
            if (d.start() && start(h.jobId())) {
                store.setHoldReason(h.jobId(), null);
                active++;
                started++;
            } else if (d.holdReason() != null) {
                if (!d.holdReason().equals(h.holdReason())) store.setHoldReason(h.jobId(), d.holdReason());
                held++;
            } else {
                store.setHoldReason(h.jobId(), null);
            }
        }

        settled.sort(Comparator.comparing(x -> x.key().path()));
        List<WatchStore.Ingested> ingested = new ArrayList<>();
        List<String> created = new ArrayList<>();
        String error = null;
        for (Settled file : settled) {
            AutoExecuteGuard.Decision d = guard.decide(s, s.presetId(), active);
            Job job;
            try {
                job = jobs.createJob(plan(s, file.file(), d.start()), idempotencyKey(folder.id(), file.key()));
            } catch (InvalidJobRequestException e) {
                // the file stays unrecorded and is retried at the next scan (e.g. after the preset is fixed)
                error = "cannot create a job for " + file.file() + ": " + e.getMessage();
                log.warn("watch folder {}: {}", root, error);
                continue;
            }
            if (d.start()) {
                active++;
                started++;
            } else if (d.holdReason() != null) {
                held++;
                log.info("watch folder {}: job {} for {} held PENDING: {}", root, job.id(), file.file().getFileName(),
                        d.holdReason());
            }
            ingested.add(new WatchStore.Ingested(file.key(), job.id(), d.holdReason()));
            created.add(job.id());
        }
        store.recordIngested(folder.id(), ingested);
        for (WatchStore.Ingested i : ingested) {
            st.known.add(i.key());
            st.tracker.forget(i.key().path());
        }
        store.scanned(folder.id(), files[0], error);
        if (!created.isEmpty()) log.info("watch folder {}: {} new job(s)", root, created.size());
        return new FolderScan(folder.id(), WatchStore.Status.ACTIVE, files[0], st.tracker.pendingCount(), created, started,
                held, error);
    }

    private record Settled(Path file, FileKey key) {
    }

    private FolderScan offline(Folder folder, FolderState st, Path root, String reason) {
        if (folder.offlineReason() == null) {
            log.warn("watch folder {} is offline, ingestion paused until it returns: {}", root, reason);
            store.markOffline(folder.id(), reason);
        }
        st.tracker.clear();
        FileEvents ev = events;
        if (ev != null) ev.unregisterUnder(root);
        return new FolderScan(folder.id(), WatchStore.Status.OFFLINE, 0, 0, List.of(), 0, 0, reason);
    }

    private AutoExecuteGuard.Decision decide(Folder folder, String jobId, int active) {
        String preset = jobs.findJob(jobId).map(Job::presetId).orElse(folder.settings().presetId());
        return guard.decide(folder.settings(), preset, active);
    }

    private boolean start(String jobId) {
        try {
            jobs.start(jobId);
            return true;
        } catch (IllegalTransitionException | OperationRefusedException e) {
            return false; // an operator started or cancelled it meanwhile
        }
    }

    private NewJob plan(WatchStore.Settings s, Path file, boolean start) {
        if (s.action() == WatchStore.Action.IMPORT) {
            LocalDate date = LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
            return ImportExecutor.plan(file, Path.of(s.outputDir()), date, s.importMode() == WatchStore.ImportMode.MOVE,
                    start);
        }
        return submitter.plan(new JobRequest(null, List.of(file.toString()), s.presetId(), s.outputDir(), null, null,
                null, start));
    }

    /** Stable per folder and file version, so a job re-created after a crash is the one made before. */
    static String idempotencyKey(String folderId, FileKey key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((key.path() + '\0' + key.size() + '\0' + key.mtimeMillis())
                    .getBytes(StandardCharsets.UTF_8));
            return "watch:" + folderId + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean opensForReading(Path file) {
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.READ)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) scheduler.shutdownNow();
        if (events != null) events.close();
        if (leading) {
            try {
                jobs.releaseLead(LEADERSHIP, nodeId);
            } catch (RuntimeException e) {
                log.debug("releasing watch leadership: {}", e.getMessage());
            }
        }
    }
}
