-- Invitations into a workspace: an owner invites an e-mail address with a
-- role; the link (its secret kept only as a hash) works once, for a week.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX invites_workspace ON invites(workspace_id, email);

-- Password resets by e-mail: the link (its secret kept only as a hash)
-- works once, for an hour.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX password_resets_user ON password_resets(user_id);

-- Someone the OpenID provider vouches for, without an account here, joins
-- the oldest workspace whose owner set a role for them (NULL: refused).
ALTER TABLE workspaces ADD COLUMN oidc_join_role TEXT;
