package dev.spool.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Watch folders as stored (migration V3): their settings and status, the file versions each one ingested
 * (the dedupe keys: path, size, mtime) and the jobs each one created, with the reason a job was held
 * PENDING when its folder auto-executes. Scanning and stability live in {@code dev.spool.watch}; this class
 * only persists.
 */
public final class WatchStore {
    private final Database db;

    public WatchStore(Database db) {
        this.db = db;
    }

    /** What a folder does with a stable new file. */
    public enum Action {
        /** One transcode job per file with the folder's preset. */
        TRANSCODE,
        /** One {@code import} job per file: copied or moved into {@code <outputDir>/<YYYY-MM-DD>/}. */
        IMPORT
    }

    /** How an import places a file. */
    public enum ImportMode {
        COPY, MOVE
    }

    /** What an operator sees: PAUSED by an operator, OFFLINE while the folder is gone, else ACTIVE. */
    public enum Status {
        ACTIVE, PAUSED, OFFLINE
    }

    /**
     * A folder's settings, as created or edited.
     *
     * @param path       absolute, normalized folder path
     * @param presetId   the bound preset (TRANSCODE; null for IMPORT)
     * @param outputDir  where outputs (TRANSCODE) or imported files (IMPORT) go
     * @param importMode COPY or MOVE for IMPORT, null for TRANSCODE
     * @param extensions lower-case extensions without dots that are ingested
     * @param stableFor  how long size and mtime must stay unchanged before a file is taken
     * @param maxActiveJobs most jobs from this folder running (or paused, or awaiting recovery) at once before
     *                      auto-execution holds new ones
     */
    public record Settings(String path, Action action, String presetId, String outputDir, ImportMode importMode,
                           boolean recursive, boolean autoExecute, List<String> extensions, Duration stableFor,
                           int maxActiveJobs) {
        public Settings {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(action, "action");
            extensions = List.copyOf(extensions);
        }
    }

    /** A stored folder with its status and counters. */
    public record Folder(String id, Settings settings, boolean enabled, String offlineReason, Instant offlineSince,
                         Instant lastScanAt, Integer lastScanFiles, String lastError, long jobsCreated, long jobsHeld,
                         Instant createdAt, Instant updatedAt) {
        public String path() {
            return settings.path();
        }

        public Status status() {
            if (!enabled) return Status.PAUSED;
            return offlineReason != null ? Status.OFFLINE : Status.ACTIVE;
        }
    }

    /** One ingested file version. */
    public record FileKey(String path, long size, long mtimeMillis) {
    }

    /** A job a folder created from one file; {@code holdReason} is set while auto-execution holds it. */
    public record WatchJob(String jobId, String folderId, String path, String holdReason, String jobStatus,
                           Instant createdAt) {
    }

    /** A file version ingested as {@code jobId}, and why the job was held (null when it started or is manual). */
    public record Ingested(FileKey key, String jobId, String holdReason) {
    }

    /**
     * Stores a new folder.
     *
     * @throws IllegalArgumentException naming the path when a folder with this path exists
     */
    public Folder insert(String id, Settings s) {
        return db.write(tx -> {
            if (tx.one("watch.folder_by_path", Map.of("path", s.path()), rs -> rs.getString("id")).isPresent()) {
                throw new DuplicateWatchFolderException(s.path());
            }
            Map<String, Object> p = params(s);
            p.put("id", id);
            tx.update("watch.folder_insert", p);
            return tx.one("watch.folder_select", Map.of("id", id), WatchStore::folder).orElseThrow();
        });
    }

    /** Replaces a folder's settings (not its path or action); empty when there is no such folder. */
    public Optional<Folder> update(String id, Settings s) {
        return db.write(tx -> {
            Map<String, Object> p = params(s);
            p.put("id", id);
            if (tx.update("watch.folder_update", p) == 0) return Optional.empty();
            return tx.one("watch.folder_select", Map.of("id", id), WatchStore::folder);
        });
    }

    public Optional<Folder> find(String id) {
        return db.query(tx -> tx.one("watch.folder_select", Map.of("id", id), WatchStore::folder));
    }

    public List<Folder> list() {
        return db.query(tx -> tx.query("watch.folder_list", Map.of(), WatchStore::folder));
    }

    /** Pauses (false) or resumes (true) a folder; empty when there is no such folder. */
    public Optional<Folder> setEnabled(String id, boolean enabled) {
        return db.write(tx -> {
            if (tx.update("watch.folder_set_enabled", Map.of("id", id, "enabled", enabled)) == 0) return Optional.empty();
            return tx.one("watch.folder_select", Map.of("id", id), WatchStore::folder);
        });
    }

    /** Deletes a folder with its dedupe keys; the jobs it created stay. False when there was none. */
    public boolean delete(String id) {
        return db.write(tx -> tx.update("watch.folder_delete", Map.of("id", id)) > 0);
    }

    /** Marks a folder OFFLINE with the reason (keeps the first {@code offlineSince}). */
    public void markOffline(String id, String reason) {
        db.write(tx -> tx.update("watch.folder_offline", Map.of("id", id, "reason", reason)));
    }

    /** Clears OFFLINE; true when the folder was offline. */
    public boolean markOnline(String id) {
        return db.write(tx -> tx.update("watch.folder_online", Map.of("id", id)) > 0);
    }

    /** Records the end of a scan: when, how many candidate files it saw, and its error (null when none). */
    public void scanned(String id, int files, String error) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("files", files);
        p.put("error", error);
        db.write(tx -> tx.update("watch.folder_scanned", p));
    }

    /** Every file version the folder ingested (loaded once per folder by the scanner, then kept in memory). */
    public List<FileKey> keys(String folderId) {
        return db.query(tx -> tx.query("watch.file_keys", Map.of("folder_id", folderId),
                rs -> new FileKey(rs.getString("path"), rs.getLong("size"), rs.getLong("mtime"))));
    }

    /**
     * Records ingested file versions and the jobs made from them in one transaction (one batch per table). A
     * key recorded before is left as it was. Entries without a job only mark files as seen (a baseline).
     */
    public void recordIngested(String folderId, List<Ingested> ingested) {
        if (ingested.isEmpty()) return;
        List<Map<String, Object>> files = new ArrayList<>(ingested.size());
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Ingested i : ingested) {
            Map<String, Object> f = new HashMap<>();
            f.put("folder_id", folderId);
            f.put("path", i.key().path());
            f.put("size", i.key().size());
            f.put("mtime", i.key().mtimeMillis());
            f.put("job_id", i.jobId());
            files.add(f);
            if (i.jobId() != null) {
                Map<String, Object> j = new HashMap<>();
                j.put("job_id", i.jobId());
                j.put("folder_id", folderId);
                j.put("path", i.key().path());
                j.put("hold_reason", i.holdReason());
                jobs.add(j);
            }
        }
        db.write(tx -> {
            tx.batch("watch.file_insert", files);
            tx.batch("watch.job_insert", jobs);
            return null;
        });
    }

    /** Sets (or with null clears) why a folder's job is held PENDING. */
    public void setHoldReason(String jobId, String reason) {
        Map<String, Object> p = new HashMap<>();
        p.put("job_id", jobId);
        p.put("hold_reason", reason);
        db.write(tx -> tx.update("watch.job_set_hold", p));
    }

    /** The folder's held jobs that are still PENDING, oldest first. */
    public List<WatchJob> heldJobs(String folderId) {
        return db.query(tx -> tx.query("watch.jobs_held", Map.of("folder_id", folderId), WatchStore::watchJob));
    }

    /** How many of the folder's jobs are RUNNING, PAUSED or RECOVERY_REQUIRED. */
    public int activeJobs(String folderId) {
        return db.query(tx -> tx.one("watch.jobs_active", Map.of("folder_id", folderId), rs -> rs.getInt("n")).orElse(0));
    }

    /** The folder's jobs, newest first. */
    public List<WatchJob> recentJobs(String folderId, int limit) {
        return db.query(tx -> tx.query("watch.jobs_recent", Map.of("folder_id", folderId, "limit", limit),
                WatchStore::watchJob));
    }

    private static Map<String, Object> params(Settings s) {
        Map<String, Object> p = new HashMap<>();
        p.put("path", s.path());
        p.put("action", s.action());
        p.put("preset_id", s.presetId());
        p.put("output_dir", s.outputDir());
        p.put("import_mode", s.importMode());
        p.put("recursive", s.recursive());
        p.put("auto_execute", s.autoExecute());
        p.put("extensions", String.join(",", s.extensions()));
        p.put("stable_millis", s.stableFor().toMillis());
        p.put("max_active_jobs", s.maxActiveJobs());
        return p;
    }

    private static Folder folder(ResultSet rs) throws SQLException {
        String mode = rs.getString("import_mode");
        String ext = rs.getString("extensions");
        Settings s = new Settings(rs.getString("path"), Action.valueOf(rs.getString("action")), rs.getString("preset_id"),
                rs.getString("output_dir"), mode == null ? null : ImportMode.valueOf(mode), rs.getInt("recursive") != 0,
                rs.getInt("auto_execute") != 0, ext.isEmpty() ? List.of() : Arrays.asList(ext.split(",")),
                Duration.ofMillis(rs.getLong("stable_millis")), rs.getInt("max_active_jobs"));
        Integer files = rs.getObject("last_scan_files") == null ? null : rs.getInt("last_scan_files");
        return new Folder(rs.getString("id"), s, rs.getInt("enabled") != 0, rs.getString("offline_reason"),
                instant(rs, "offline_since"), instant(rs, "last_scan_at"), files, rs.getString("last_error"),
                rs.getLong("jobs_created"), rs.getLong("jobs_held"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static WatchJob watchJob(ResultSet rs) throws SQLException {
        return new WatchJob(rs.getString("job_id"), rs.getString("folder_id"), rs.getString("path"),
                rs.getString("hold_reason"), rs.getString("status"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** A folder with this path is already watched. */
    public static final class DuplicateWatchFolderException extends StoreException {
        private final String path;

        public DuplicateWatchFolderException(String path) {
            super("a watch folder for " + path + " already exists", null);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }
}
