-- VoiceGate biometrics store on PostgreSQL, schema 1: the same tables and columns as the SQLite store at
-- its schema 2 (biokeys only as keyed pseudonyms, one sealed copy per person in subject), so one set of
-- SQL serves both. Times are epoch nanoseconds (BIGINT). Encrypted columns: key_id names the AES-256-GCM
-- key, sealed = IV(12) || ciphertext || tag(16). rowid columns stand in for SQLite's implicit row id.

CREATE TABLE store_meta (
    name  TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE subject (
    rowid       BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    biokey_hash BYTEA  NOT NULL PRIMARY KEY,
    key_id      TEXT   NOT NULL,
    sealed      BYTEA  NOT NULL
);

CREATE TABLE voiceprint (
    rowid              BIGINT           GENERATED ALWAYS AS IDENTITY UNIQUE,
    biokey_hash        BYTEA            NOT NULL PRIMARY KEY,
    engine_id          TEXT             NOT NULL,
    engine_version     INTEGER          NOT NULL,
    key_id             TEXT             NOT NULL,
    sealed             BYTEA            NOT NULL,
    net_speech_seconds DOUBLE PRECISION NOT NULL,
    enrolled_calls     INTEGER          NOT NULL,
    first_enrolled_at  BIGINT           NOT NULL,
    updated_at         BIGINT           NOT NULL
);

CREATE TABLE consent (
    biokey_hash BYTEA  NOT NULL PRIMARY KEY,
    at          BIGINT NOT NULL,
    method      TEXT   NOT NULL,
    recorded_by TEXT   NOT NULL
);

CREATE TABLE opt_out (
    biokey_hash BYTEA  NOT NULL PRIMARY KEY,
    at          BIGINT NOT NULL,
    recorded_by TEXT   NOT NULL
);

CREATE TABLE replay_fingerprint (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    biokey_hash BYTEA  NOT NULL,
    at          BIGINT NOT NULL,
    key_id      TEXT   NOT NULL,
    sealed      BYTEA  NOT NULL
);
CREATE INDEX replay_fingerprint_by_biokey ON replay_fingerprint (biokey_hash, at DESC, id DESC);

CREATE TABLE blocklist (
    id         TEXT   NOT NULL PRIMARY KEY,
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT   NOT NULL
);

CREATE TABLE fraudster (
    rowid              BIGINT  GENERATED ALWAYS AS IDENTITY UNIQUE,
    list_id            TEXT    NOT NULL REFERENCES blocklist (id) ON DELETE CASCADE,
    fraudster_id       TEXT    NOT NULL,
    engine_id          TEXT    NOT NULL,
    engine_version     INTEGER NOT NULL,
    key_id             TEXT    NOT NULL,
    sealed             BYTEA   NOT NULL,
    added_at           BIGINT  NOT NULL,
    added_by           TEXT    NOT NULL,
    source_biokey_hash BYTEA,
    PRIMARY KEY (list_id, fraudster_id)
);
CREATE INDEX fraudster_by_source_biokey ON fraudster (source_biokey_hash) WHERE source_biokey_hash IS NOT NULL;

CREATE TABLE tombstone (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    biokey_hash BYTEA  NOT NULL,
    erased_at   BIGINT NOT NULL,
    erased_by   TEXT   NOT NULL,
    opt_out_at  BIGINT,
    opt_out_by  TEXT
);
CREATE INDEX tombstone_by_biokey ON tombstone (biokey_hash);

CREATE TABLE audit_event (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          BIGINT NOT NULL,
    action      TEXT   NOT NULL,
    biokey_hash BYTEA,
    actor       TEXT   NOT NULL,
    detail      TEXT   NOT NULL
);
CREATE INDEX audit_event_by_biokey ON audit_event (biokey_hash, id) WHERE biokey_hash IS NOT NULL;
CREATE INDEX audit_event_by_time ON audit_event (at, id);
