-- A second app's tenant tables: its users under names of its own, and its notes.
CREATE TABLE member (
    login text PRIMARY KEY,
    secret text NOT NULL
);

CREATE TABLE note (
    id serial PRIMARY KEY,
    body text NOT NULL
);
