-- Request ids (v2 jti, v1 request hashes) that the server has accepted, kept until they expire, so
-- a request captured before a restart cannot be replayed after it. Times are epoch seconds.
CREATE TABLE seen_nonces (
    nonce      TEXT    NOT NULL PRIMARY KEY,
    expires_at INTEGER NOT NULL
);

CREATE INDEX seen_nonces_expiry ON seen_nonces (expires_at);
