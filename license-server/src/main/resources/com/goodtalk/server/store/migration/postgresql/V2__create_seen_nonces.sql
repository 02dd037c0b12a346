-- Request ids (v2 jti, v1 request hashes) that the server instances have accepted, kept until they
-- expire, so a request captured before a restart, or sent to another instance, cannot be replayed.
-- Times are epoch seconds.
CREATE TABLE seen_nonces (
    nonce      TEXT   NOT NULL PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

CREATE INDEX seen_nonces_expiry ON seen_nonces (expires_at);
