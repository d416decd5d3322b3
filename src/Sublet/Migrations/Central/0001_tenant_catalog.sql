-- The tenant catalog: one row per tenant, its subdomain and its schema.
CREATE TABLE sublet.tenant (
    slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    schema_name text NOT NULL UNIQUE CHECK (schema_name !~ '^pg_' AND length(schema_name) BETWEEN 1 AND 63),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at timestamptz NOT NULL DEFAULT now(),
    migration_version integer NOT NULL DEFAULT 0
);
