-- Schema 1 (before signed ids): one row per client-chosen id, overwritten by any client.
-- Kept as the first step so that every database, old or new, follows the same history.
CREATE TABLE IF NOT EXISTS feedback (
    id            TEXT PRIMARY KEY,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    rating        TEXT CHECK (rating IN ('up', 'down')),
    reason        TEXT,
    accepted      INTEGER NOT NULL DEFAULT 0,
    final_reply   TEXT,
    locale        TEXT NOT NULL,
    emotion       TEXT,
    degraded      INTEGER NOT NULL DEFAULT 0,
    request_json  TEXT NOT NULL,
    response_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_updated ON feedback (updated_at);
