-- What every instance serving this database shares (mot-store's
-- instance.rs): named random keys, made by the first instance that asks,
-- and the customer pages' solved proofs of work, each kept until its
-- challenge expires (seconds since 1970) with the form that used it.
CREATE TABLE instance_keys (
    name TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    made_at BIGINT NOT NULL
);
CREATE TABLE used_proofs (
    challenge TEXT PRIMARY KEY,
    expires BIGINT NOT NULL,
    request_key TEXT NOT NULL
);
CREATE INDEX used_proofs_expires ON used_proofs(expires);
