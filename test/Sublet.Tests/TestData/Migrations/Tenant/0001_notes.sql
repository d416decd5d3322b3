-- A table of the app's own, as an app's first migration makes it.
CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);
