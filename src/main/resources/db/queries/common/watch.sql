-- Watch folders (V3): folders, the file versions they ingested (dedupe keys) and the jobs they made.

-- name: watch.folder_insert
INSERT INTO watch_folders (id, path, action, preset_id, output_dir, import_mode, recursive, auto_execute, extensions,
                           stable_millis, max_active_jobs, enabled, created_at, updated_at)
VALUES (:id, :path, :action, :preset_id, :output_dir, :import_mode, :recursive, :auto_execute, :extensions,
        :stable_millis, :max_active_jobs, 1, :now, :now)

-- name: watch.folder_update
UPDATE watch_folders SET preset_id = :preset_id, output_dir = :output_dir, import_mode = :import_mode,
       recursive = :recursive, auto_execute = :auto_execute, extensions = :extensions, stable_millis = :stable_millis,
       max_active_jobs = :max_active_jobs, updated_at = :now
 WHERE id = :id

-- name: watch.folder_select
SELECT f.*,
       (SELECT COUNT(*) FROM watch_jobs w WHERE w.folder_id = f.id) AS jobs_created,
       (SELECT COUNT(*) FROM watch_jobs w JOIN jobs j ON j.id = w.job_id
         WHERE w.folder_id = f.id AND w.hold_reason IS NOT NULL AND j.status = 'PENDING') AS jobs_held
  FROM watch_folders f
 WHERE f.id = :id

-- name: watch.folder_by_path
SELECT id FROM watch_folders WHERE path = :path

-- name: watch.folder_list
SELECT f.*,
       (SELECT COUNT(*) FROM watch_jobs w WHERE w.folder_id = f.id) AS jobs_created,
       (SELECT COUNT(*) FROM watch_jobs w JOIN jobs j ON j.id = w.job_id
         WHERE w.folder_id = f.id AND w.hold_reason IS NOT NULL AND j.status = 'PENDING') AS jobs_held
  FROM watch_folders f
 ORDER BY f.created_at, f.id

-- name: watch.folder_set_enabled
UPDATE watch_folders SET enabled = :enabled, updated_at = :now WHERE id = :id

-- name: watch.folder_delete
DELETE FROM watch_folders WHERE id = :id

-- name: watch.folder_offline
UPDATE watch_folders SET offline_reason = :reason, offline_since = COALESCE(offline_since, :now)
 WHERE id = :id

-- name: watch.folder_online
UPDATE watch_folders SET offline_reason = NULL, offline_since = NULL WHERE id = :id AND offline_reason IS NOT NULL

-- name: watch.folder_scanned
UPDATE watch_folders SET last_scan_at = :now, last_scan_files = :files, last_error = :error WHERE id = :id

-- name: watch.file_keys
SELECT path, size, mtime FROM watch_files WHERE folder_id = :folder_id

-- name: watch.file_insert
INSERT INTO watch_files (folder_id, path, size, mtime, job_id, seen_at)
VALUES (:folder_id, :path, :size, :mtime, :job_id, :now)
ON CONFLICT (folder_id, path, size, mtime) DO NOTHING

-- name: watch.job_insert
INSERT INTO watch_jobs (job_id, folder_id, path, hold_reason, created_at, updated_at)
VALUES (:job_id, :folder_id, :path, :hold_reason, :now, :now)
ON CONFLICT (job_id) DO NOTHING

-- name: watch.job_set_hold
UPDATE watch_jobs SET hold_reason = :hold_reason, updated_at = :now WHERE job_id = :job_id

-- name: watch.jobs_held
SELECT w.job_id, w.folder_id, w.path, w.hold_reason, w.created_at, j.status
  FROM watch_jobs w JOIN jobs j ON j.id = w.job_id
 WHERE w.folder_id = :folder_id AND w.hold_reason IS NOT NULL AND j.status = 'PENDING'
 ORDER BY w.created_at, w.job_id

-- name: watch.jobs_active
SELECT COUNT(*) AS n FROM watch_jobs w JOIN jobs j ON j.id = w.job_id
 WHERE w.folder_id = :folder_id AND j.status IN ('RUNNING','PAUSED','RECOVERY_REQUIRED')

-- name: watch.jobs_recent
SELECT w.job_id, w.folder_id, w.path, w.hold_reason, w.created_at, j.status
  FROM watch_jobs w JOIN jobs j ON j.id = w.job_id
 WHERE w.folder_id = :folder_id
 ORDER BY w.created_at DESC, w.job_id DESC
 LIMIT :limit
