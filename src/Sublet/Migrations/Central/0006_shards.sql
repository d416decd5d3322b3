-- Shards: the PostgreSQL servers (or databases) that hold tenant schemas. 'default' is the central database
-- itself (no connection string of its own), so a single-server install needs no shard configuration.
CREATE TABLE sublet.shard (
    name text PRIMARY KEY CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    connection_string text,
    draining boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (connection_string IS NOT NULL OR name = 'default')
);

INSERT INTO sublet.shard (name) VALUES ('default');

ALTER TABLE sublet.tenant ADD COLUMN shard text NOT NULL DEFAULT 'default' REFERENCES sublet.shard (name);
CREATE INDEX tenant_shard ON sublet.tenant (shard);

-- A tenant moving to another shard changes routing like a rename does.
DROP TRIGGER tenant_catalog_changed ON sublet.tenant;
CREATE TRIGGER tenant_catalog_changed
    AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF slug, schema_name, status, shard ON sublet.tenant
    FOR EACH STATEMENT EXECUTE FUNCTION sublet.notify_catalog_changed();

CREATE TRIGGER shard_catalog_changed
    AFTER INSERT OR DELETE OR UPDATE ON sublet.shard
    FOR EACH STATEMENT EXECUTE FUNCTION sublet.notify_catalog_changed();
