-- The license store's tables for PostgreSQL. sqlite/V1 creates the same tables with SQLite types.

CREATE TABLE products (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

-- key_hash is HMAC-SHA256 (hex) of the key under the server's key pepper; the key itself is never stored.
CREATE TABLE licenses (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_hash   TEXT        NOT NULL UNIQUE,
    masked_key TEXT        NOT NULL,
    origin     TEXT        NOT NULL CHECK (origin IN ('issued', 'imported')),
    product_id BIGINT      NOT NULL REFERENCES products (id),
    edition    TEXT        NOT NULL,
    features   TEXT        NOT NULL,
    status     TEXT        NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
    expires_at TIMESTAMPTZ,
    seat_limit INTEGER     NOT NULL CHECK (seat_limit >= 1),
    note       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX licenses_by_product ON licenses (product_id, id);

CREATE TABLE activations (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    license_id     BIGINT      NOT NULL REFERENCES licenses (id),
    machine        TEXT        NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    last_seen_at   TIMESTAMPTZ NOT NULL,
    deactivated_at TIMESTAMPTZ
);

-- At most one seat per license and machine is held at a time; released seats stay as history.
CREATE UNIQUE INDEX activations_one_held_seat ON activations (license_id, machine) WHERE deactivated_at IS NULL;
CREATE INDEX activations_by_license ON activations (license_id, id);

CREATE TABLE audit_log (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    license_id  BIGINT REFERENCES licenses (id),
    detail      TEXT        NOT NULL
);

CREATE INDEX audit_log_by_license ON audit_log (license_id, id);

-- The audit log is append-only: the database itself rejects changes, deletions and truncation.
CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER audit_log_rejects_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();

CREATE TRIGGER audit_log_rejects_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();
