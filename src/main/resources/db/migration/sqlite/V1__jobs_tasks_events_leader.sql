-- Spool schema v1 (SQLite). Times are epoch milliseconds. Keep in step with postgresql/V1.
CREATE TABLE jobs (
    id              TEXT PRIMARY KEY,
    name            TEXT,
    status          TEXT    NOT NULL CHECK (status IN ('PENDING','RUNNING','PAUSED','COMPLETED',
                            'COMPLETED_WITH_WARNINGS','FAILED','CANCELLED','RECOVERY_REQUIRED')),
    priority        INTEGER NOT NULL DEFAULT 0,
    recovery_policy TEXT    NOT NULL CHECK (recovery_policy IN ('MANUAL','AUTO')),
    max_attempts    INTEGER NOT NULL CHECK (max_attempts >= 1),
    preset_id       TEXT,
    output_dir      TEXT,
    spec            TEXT    NOT NULL,
    failure_reason  TEXT,
    warnings        TEXT    NOT NULL DEFAULT '[]',
    report_dir      TEXT,
    idempotency_key TEXT UNIQUE,
    created_at      INTEGER NOT NULL,
    started_at      INTEGER,
    finished_at     INTEGER,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX jobs_newest ON jobs (created_at DESC, id DESC);
CREATE INDEX jobs_status ON jobs (status, created_at DESC);

CREATE TABLE tasks (
    id               TEXT PRIMARY KEY,
    job_id           TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    kind             TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('QUEUED','RUNNING','COMPLETED','SKIPPED','FAILED')),
    source           TEXT,
    spec             TEXT    NOT NULL,
    priority         INTEGER NOT NULL,
    queued_at        INTEGER NOT NULL,
    attempt          INTEGER NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    max_attempts     INTEGER NOT NULL CHECK (max_attempts >= 1),
    worker_id        TEXT,
    lease_expires_at INTEGER,
    progress         TEXT,
    failure_reason   TEXT,
    warnings         TEXT    NOT NULL DEFAULT '[]',
    stderr_tail      TEXT,
    result           TEXT,
    has_deps         INTEGER NOT NULL DEFAULT 0,
    stop_requested   INTEGER NOT NULL DEFAULT 0,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    updated_at       INTEGER NOT NULL,
    UNIQUE (job_id, seq),
    CHECK (status <> 'RUNNING' OR (worker_id IS NOT NULL AND lease_expires_at IS NOT NULL))
);
CREATE INDEX tasks_claimable ON tasks (priority DESC, queued_at, job_id, seq) WHERE status = 'QUEUED';
CREATE INDEX tasks_job_status ON tasks (job_id, status);
CREATE INDEX tasks_leases ON tasks (lease_expires_at) WHERE status = 'RUNNING';

CREATE TABLE task_deps (
    task_id    TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    depends_on TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, depends_on)
);
CREATE INDEX task_deps_reverse ON task_deps (depends_on);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id     TEXT,
    task_id    TEXT,
    type       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX events_job ON events (job_id, id);

CREATE TABLE leader (
    name       TEXT PRIMARY KEY,
    holder     TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
