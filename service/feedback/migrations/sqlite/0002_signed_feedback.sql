-- Schema 2: one record per signed rewrite id and key, each change a new version.
-- Schema 1's rows were written by anyone: they are kept aside, never read or exported.
ALTER TABLE feedback RENAME TO feedback_unverified_v1;
CREATE TABLE rewrite_feedback (
    rewrite_id    TEXT NOT NULL,
    key_name      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    issued_at     TEXT,
    locale        TEXT NOT NULL,
    emotion       TEXT,
    degraded      INTEGER NOT NULL DEFAULT 0,
    request_json  TEXT NOT NULL,
    response_json TEXT NOT NULL,
    PRIMARY KEY (rewrite_id, key_name)
);
CREATE TABLE feedback_version (
    rewrite_id    TEXT NOT NULL,
    key_name      TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    rating        TEXT CHECK (rating IN ('up', 'down')),
    reason        TEXT,
    accepted      INTEGER NOT NULL DEFAULT 0,
    final_reply   TEXT,
    PRIMARY KEY (rewrite_id, key_name, version),
    FOREIGN KEY (rewrite_id, key_name) REFERENCES rewrite_feedback (rewrite_id, key_name) ON DELETE CASCADE
);
CREATE INDEX rewrite_feedback_created ON rewrite_feedback (created_at);
