-- Name what changed, so a running server applies that one row instead of reading the whole catalog again:
-- 'tenant:<slug>' per changed row (a rename names the old slug and the new), 'shard' when a shard row changes,
-- '*' after a truncate. NOTIFY folds equal payloads within a transaction. migration_version is still left out,
-- so a migration run over many tenants notifies no one.
CREATE OR REPLACE FUNCTION sublet.notify_catalog_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'shard' THEN
        PERFORM pg_notify('sublet_catalog', 'shard');
    ELSIF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('sublet_catalog', '*');
    ELSE
        IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('sublet_catalog', 'tenant:' || OLD.slug);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('sublet_catalog', 'tenant:' || NEW.slug);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER tenant_catalog_changed ON sublet.tenant;
CREATE TRIGGER tenant_catalog_changed
    AFTER INSERT OR DELETE OR UPDATE OF slug, schema_name, status, shard ON sublet.tenant
    FOR EACH ROW EXECUTE FUNCTION sublet.notify_catalog_changed();

CREATE TRIGGER tenant_catalog_truncated
    AFTER TRUNCATE ON sublet.tenant
    FOR EACH STATEMENT EXECUTE FUNCTION sublet.notify_catalog_changed();
