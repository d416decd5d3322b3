-- Running servers keep the catalog in memory: tell them when a row that changes routing changes.
-- migration_version is left out on purpose, so a migration run over many tenants does not make every
-- server reload the catalog once per tenant.
CREATE FUNCTION sublet.notify_catalog_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sublet_catalog', TG_OP);
    RETURN NULL;
END;
$$;

CREATE TRIGGER tenant_catalog_changed
    AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF slug, schema_name, status ON sublet.tenant
    FOR EACH STATEMENT EXECUTE FUNCTION sublet.notify_catalog_changed();
