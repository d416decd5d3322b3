-- Custom domains: any number per tenant, one tenant per domain, at most one primary per tenant. A domain is
-- stored normalised (lower case, punycode, no trailing dot). Keyed to the tenant's slug, so a rename carries
-- its domains and a deletion removes them; a move changes neither.
CREATE TABLE sublet.tenant_domain (
    domain text PRIMARY KEY CHECK (domain = lower(domain) AND length(domain) BETWEEN 3 AND 253 AND domain LIKE '%.%'),
    tenant text NOT NULL REFERENCES sublet.tenant (slug) ON UPDATE CASCADE ON DELETE CASCADE,
    status text NOT NULL CHECK (status IN ('active', 'pending')),
    is_primary boolean NOT NULL DEFAULT false,
    token text,
    created_at timestamptz NOT NULL DEFAULT now(),
    checked_at timestamptz,
    CHECK (status = 'active' OR token IS NOT NULL),
    CHECK (NOT is_primary OR status = 'active')
);

CREATE INDEX tenant_domain_tenant ON sublet.tenant_domain (tenant);
CREATE UNIQUE INDEX tenant_domain_one_primary ON sublet.tenant_domain (tenant) WHERE is_primary;
CREATE INDEX tenant_domain_pending ON sublet.tenant_domain (checked_at NULLS FIRST) WHERE status = 'pending';

-- Running servers route custom domains from memory: tell them which tenant's domains changed, so they re-read
-- only those. A rename cascades here and names both slugs. checked_at alone changes nothing they hold.
CREATE FUNCTION sublet.notify_domain_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify('sublet_domain', OLD.tenant);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify('sublet_domain', NEW.tenant);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER tenant_domain_changed
    AFTER INSERT OR DELETE OR UPDATE OF domain, tenant, status, is_primary ON sublet.tenant_domain
    FOR EACH ROW EXECUTE FUNCTION sublet.notify_domain_changed();

-- An empty payload: everything may have changed.
CREATE FUNCTION sublet.notify_domains_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('sublet_domain', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER tenant_domains_truncated
    AFTER TRUNCATE ON sublet.tenant_domain
    FOR EACH STATEMENT EXECUTE FUNCTION sublet.notify_domains_truncated();
