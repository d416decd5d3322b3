-- Server-side sessions: the cookie carries only a random id; this row is the session. The id itself is not
-- stored, only its SHA-256, so a read of this table yields no usable cookie. Deleting a tenant deletes its
-- sessions.
CREATE TABLE sublet.session (
    id_hash bytea PRIMARY KEY CHECK (length(id_hash) = 32),
    tenant text NOT NULL REFERENCES sublet.tenant (slug) ON DELETE CASCADE,
    user_name text NOT NULL,
    ticket bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    idle_expires_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX session_tenant_user ON sublet.session (tenant, user_name);
CREATE INDEX session_idle_expires_at ON sublet.session (idle_expires_at);
CREATE INDEX session_expires_at ON sublet.session (expires_at);
