-- The license store's tables for SQLite. Times are UTC text of fixed width (2026-01-31T12:00:00.000Z),
-- so text order is time order. postgresql/V1 creates the same tables with PostgreSQL types.

CREATE TABLE products (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

-- key_hash is HMAC-SHA256 (hex) of the key under the server's key pepper; the key itself is never stored.
CREATE TABLE licenses (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash   TEXT    NOT NULL UNIQUE,
    masked_key TEXT    NOT NULL,
    origin     TEXT    NOT NULL CHECK (origin IN ('issued', 'imported')),
    product_id INTEGER NOT NULL REFERENCES products (id),
    edition    TEXT    NOT NULL,
    features   TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
    expires_at TEXT,
    seat_limit INTEGER NOT NULL CHECK (seat_limit >= 1),
    note       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE INDEX licenses_by_product ON licenses (product_id, id);

CREATE TABLE activations (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    license_id     INTEGER NOT NULL REFERENCES licenses (id),
    machine        TEXT    NOT NULL,
    first_seen_at  TEXT    NOT NULL,
    last_seen_at   TEXT    NOT NULL,
    deactivated_at TEXT
);

-- At most one seat per license and machine is held at a time; released seats stay as history.
CREATE UNIQUE INDEX activations_one_held_seat ON activations (license_id, machine) WHERE deactivated_at IS NULL;
CREATE INDEX activations_by_license ON activations (license_id, id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    license_id  INTEGER REFERENCES licenses (id),
    detail      TEXT    NOT NULL
);

CREATE INDEX audit_log_by_license ON audit_log (license_id, id);

-- The audit log is append-only: the database itself rejects changes and deletions.
CREATE TRIGGER audit_log_rejects_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_rejects_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
