-- Spool schema v3 (SQLite): watch folders, their dedupe keys and the jobs they made. Keep in step with
-- postgresql/V3. Times are epoch milliseconds.
CREATE TABLE watch_folders (
    id              TEXT PRIMARY KEY,
    path            TEXT    NOT NULL UNIQUE,
    action          TEXT    NOT NULL CHECK (action IN ('TRANSCODE','IMPORT')),
    preset_id       TEXT,
    output_dir      TEXT    NOT NULL,
    import_mode     TEXT    CHECK (import_mode IN ('COPY','MOVE')),
    recursive       INTEGER NOT NULL,
    auto_execute    INTEGER NOT NULL,
    extensions      TEXT    NOT NULL,
    stable_millis   INTEGER NOT NULL CHECK (stable_millis >= 0),
    max_active_jobs INTEGER NOT NULL CHECK (max_active_jobs >= 1),
    enabled         INTEGER NOT NULL,
    offline_reason  TEXT,
    offline_since   INTEGER,
    last_scan_at    INTEGER,
    last_scan_files INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (action <> 'TRANSCODE' OR preset_id IS NOT NULL),
    CHECK (action <> 'IMPORT' OR import_mode IS NOT NULL)
);

-- One row per file version ingested: a file is new when its (path, size, mtime) is not here.
CREATE TABLE watch_files (
    folder_id  TEXT    NOT NULL REFERENCES watch_folders (id) ON DELETE CASCADE,
    path       TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    mtime      INTEGER NOT NULL,
    job_id     TEXT,
    seen_at    INTEGER NOT NULL,
    PRIMARY KEY (folder_id, path, size, mtime)
);

-- Jobs a folder created; hold_reason says why a job is PENDING although the folder auto-executes.
CREATE TABLE watch_jobs (
    job_id      TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    folder_id   TEXT    NOT NULL REFERENCES watch_folders (id) ON DELETE CASCADE,
    path        TEXT    NOT NULL,
    hold_reason TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX watch_jobs_folder ON watch_jobs (folder_id, created_at DESC);
CREATE INDEX watch_jobs_held ON watch_jobs (folder_id, created_at) WHERE hold_reason IS NOT NULL;
