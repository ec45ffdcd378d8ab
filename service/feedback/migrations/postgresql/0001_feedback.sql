-- One record per signed rewrite id and key, each change a new version (SQLite's schema 2).
-- seq keeps the order records were stored in (SQLite's rowid).
CREATE TABLE rewrite_feedback (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY,
    rewrite_id    TEXT NOT NULL,
    key_name      TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    issued_at     TIMESTAMPTZ,
    locale        TEXT NOT NULL,
    emotion       TEXT,
    degraded      BOOLEAN NOT NULL DEFAULT FALSE,
    request_json  JSONB NOT NULL,
    response_json JSONB NOT NULL,
    PRIMARY KEY (rewrite_id, key_name)
);
CREATE TABLE feedback_version (
    rewrite_id    TEXT NOT NULL,
    key_name      TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    rating        TEXT CHECK (rating IN ('up', 'down')),
    reason        TEXT,
    accepted      BOOLEAN NOT NULL DEFAULT FALSE,
    final_reply   TEXT,
    PRIMARY KEY (rewrite_id, key_name, version),
    FOREIGN KEY (rewrite_id, key_name) REFERENCES rewrite_feedback (rewrite_id, key_name) ON DELETE CASCADE
);
CREATE INDEX rewrite_feedback_created ON rewrite_feedback (created_at, seq);
