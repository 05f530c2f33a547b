-- Spool schema v2 (PostgreSQL): API tokens, webhooks, workers, named cursors. Keep in step with sqlite/V2.
CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    role         TEXT    NOT NULL CHECK (role IN ('OPERATOR','VIEWER')),
    token_hash   TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL
);

CREATE TABLE job_webhooks (
    job_id     TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    url        TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (job_id, url)
);

CREATE TABLE webhook_deliveries (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id          TEXT    NOT NULL,
    event_id        BIGINT  NOT NULL,
    event_type      TEXT    NOT NULL,
    url             TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('PENDING','DELIVERED','FAILED')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    UNIQUE (event_id, url)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_job ON webhook_deliveries (job_id, id);

CREATE TABLE webhook_attempts (
    delivery_id  BIGINT  NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt      INTEGER NOT NULL,
    attempted_at BIGINT  NOT NULL,
    status_code  INTEGER,
    outcome      TEXT    NOT NULL CHECK (outcome IN ('DELIVERED','REJECTED','ERROR')),
    error        TEXT,
    duration_ms  INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

CREATE TABLE workers (
    id             TEXT PRIMARY KEY,
    host           TEXT    NOT NULL,
    slots          INTEGER NOT NULL,
    current_tasks  TEXT    NOT NULL DEFAULT '[]',
    started_at     BIGINT  NOT NULL,
    last_heartbeat BIGINT  NOT NULL
);

CREATE TABLE cursors (
    name    TEXT PRIMARY KEY,
    last_id BIGINT  NOT NULL
);
