-- ASP.NET Core Data Protection key ring, shared by every server on this database so that a restart or a
-- second instance can read the cookies the others issued.
CREATE TABLE sublet.data_protection_key (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text NOT NULL,
    xml text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
