-- VoiceGate biometrics store, schema 1.
-- Times are epoch nanoseconds (INTEGER). Encrypted columns: key_id names the AES-256-GCM key,
-- sealed = IV(12) || ciphertext || tag(16). Biokeys appear only in the tables listed in erase().

CREATE TABLE voiceprint (
    biokey             TEXT    NOT NULL PRIMARY KEY,
    engine_id          TEXT    NOT NULL,
    engine_version     INTEGER NOT NULL,
    key_id             TEXT    NOT NULL,
    sealed             BLOB    NOT NULL,
    net_speech_seconds REAL    NOT NULL,
    enrolled_calls     INTEGER NOT NULL,
    first_enrolled_at  INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);

CREATE TABLE consent (
    biokey      TEXT    NOT NULL PRIMARY KEY,
    at          INTEGER NOT NULL,
    method      TEXT    NOT NULL,
    recorded_by TEXT    NOT NULL
);

CREATE TABLE opt_out (
    biokey      TEXT    NOT NULL PRIMARY KEY,
    at          INTEGER NOT NULL,
    recorded_by TEXT    NOT NULL
);

CREATE TABLE replay_fingerprint (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    biokey TEXT    NOT NULL,
    at     INTEGER NOT NULL,
    key_id TEXT    NOT NULL,
    sealed BLOB    NOT NULL
);
CREATE INDEX replay_fingerprint_by_biokey ON replay_fingerprint (biokey, at DESC, id DESC);

CREATE TABLE blocklist (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT    NOT NULL
);

CREATE TABLE fraudster (
    list_id        TEXT    NOT NULL REFERENCES blocklist (id) ON DELETE CASCADE,
    fraudster_id   TEXT    NOT NULL,
    engine_id      TEXT    NOT NULL,
    engine_version INTEGER NOT NULL,
    key_id         TEXT    NOT NULL,
    sealed         BLOB    NOT NULL,
    added_at       INTEGER NOT NULL,
    added_by       TEXT    NOT NULL,
    source_biokey  TEXT,
    PRIMARY KEY (list_id, fraudster_id)
);
CREATE INDEX fraudster_by_source_biokey ON fraudster (source_biokey) WHERE source_biokey IS NOT NULL;

CREATE TABLE tombstone (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    biokey      TEXT    NOT NULL,
    erased_at   INTEGER NOT NULL,
    erased_by   TEXT    NOT NULL,
    opt_out_at  INTEGER,
    opt_out_by  TEXT
);
CREATE INDEX tombstone_by_biokey ON tombstone (biokey);

CREATE TABLE audit_event (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    action TEXT    NOT NULL,
    biokey TEXT,
    actor  TEXT    NOT NULL,
    detail TEXT    NOT NULL
);
CREATE INDEX audit_event_by_biokey ON audit_event (biokey, id) WHERE biokey IS NOT NULL;
CREATE INDEX audit_event_by_time ON audit_event (at, id);
