-- Each tenant's users (the table Sublet's tools know as app_user) and their notes.
CREATE TABLE app_user (
    id serial PRIMARY KEY,
    username text UNIQUE NOT NULL,
    password text NOT NULL
);

CREATE TABLE notes (
    id serial PRIMARY KEY,
    author text NOT NULL,
    body text NOT NULL
);
