package dev.spool.watch;

import dev.spool.domain.NotFoundException;
import dev.spool.store.WatchStore;
import dev.spool.store.WatchStore.Folder;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Managing watch folders, the same for {@code spool watch} and {@code /api/v1/watch-folders}: validated
 * create and edit, pause, resume, remove, and the one JSON shape both show ({@link #view}). A running
 * {@link WatchService} picks changes up at its next scan.
 */
public final class WatchFolders {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WatchStore store;
    private final WatchFolderValidator validator;

    public WatchFolders(WatchStore store, WatchFolderValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    /**
     * @throws InvalidWatchFolderException            naming the field
     * @throws WatchStore.DuplicateWatchFolderException when the path is already watched
     */
    public Folder create(WatchFolderInput in) {
        byte[] id = new byte[5];
        RANDOM.nextBytes(id);
        return store.insert("wf_" + HexFormat.of().formatHex(id), validator.forCreate(in));
    }

    /** Edits the given fields; {@code path} and {@code action} cannot change. */
    public Folder update(String idOrPath, WatchFolderInput in) {
        Folder current = get(idOrPath);
        return store.update(current.id(), validator.forUpdate(current.settings(), in))
                .orElseThrow(() -> new NotFoundException("watch folder", idOrPath));
    }

    public Folder pause(String idOrPath) {
        return setEnabled(idOrPath, false);
    }

    public Folder resume(String idOrPath) {
        return setEnabled(idOrPath, true);
    }

    private Folder setEnabled(String idOrPath, boolean enabled) {
        return store.setEnabled(get(idOrPath).id(), enabled)
                .orElseThrow(() -> new NotFoundException("watch folder", idOrPath));
    }

    /** Removes the folder and what it remembers having ingested; its jobs stay. */
    public Folder remove(String idOrPath) {
        Folder f = get(idOrPath);
        if (!store.delete(f.id())) throw new NotFoundException("watch folder", idOrPath);
        return f;
    }

    public List<Folder> list() {
        return store.list();
    }

    /** A folder by id, or by its path (as given to {@code add}). */
    public Folder get(String idOrPath) {
        if (idOrPath == null || idOrPath.isBlank()) throw new NotFoundException("watch folder", "''");
        var byId = store.find(idOrPath);
        if (byId.isPresent()) return byId.get();
        String path;
        try {
            path = Path.of(idOrPath).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            throw new NotFoundException("watch folder", idOrPath);
        }
        return store.list().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new NotFoundException("watch folder", idOrPath));
    }

    /** The folder's jobs, newest first, with why each held one waits. */
    public List<WatchStore.WatchJob> jobs(String idOrPath, int limit) {
        return store.recentJobs(get(idOrPath).id(), limit);
    }

    /** What the CLI ({@code --json}) and the API show for a folder; nulls are explicit. */
    public static Map<String, Object> view(Folder f) {
        WatchStore.Settings s = f.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("path", s.path());
        m.put("action", s.action().name().toLowerCase(Locale.ROOT));
        m.put("preset", s.presetId());
        m.put("outputDir", s.outputDir());
        m.put("importMode", s.importMode() == null ? null : s.importMode().name().toLowerCase(Locale.ROOT));
        m.put("recursive", s.recursive());
        m.put("autoExecute", s.autoExecute());
        m.put("extensions", s.extensions());
        m.put("stableSeconds", s.stableFor().toSeconds());
        m.put("maxActiveJobs", s.maxActiveJobs());
        m.put("status", f.status().name());
        m.put("statusReason", f.status() == WatchStore.Status.OFFLINE ? f.offlineReason()
                : f.status() == WatchStore.Status.PAUSED ? "paused by an operator" : null);
        m.put("offlineSince", f.offlineSince());
        m.put("lastScanAt", f.lastScanAt());
        m.put("lastScanFiles", f.lastScanFiles());
        m.put("lastError", f.lastError());
        m.put("jobsCreated", f.jobsCreated());
        m.put("jobsHeld", f.jobsHeld());
        m.put("createdAt", f.createdAt());
        m.put("updatedAt", f.updatedAt());
        return m;
    }

    /** One job of a folder as shown by {@code spool watch jobs} and the API. */
    public static Map<String, Object> view(WatchStore.WatchJob j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", j.jobId());
        m.put("path", j.path());
        m.put("status", j.jobStatus());
        // a held job an operator started or cancelled is no longer held, whatever was recorded
        m.put("holdReason", "PENDING".equals(j.jobStatus()) ? j.holdReason() : null);
        m.put("createdAt", j.createdAt());
        return m;
    }
}
