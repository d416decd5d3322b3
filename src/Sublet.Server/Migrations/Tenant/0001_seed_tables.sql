-- The seed app's tables, column for column, so a schema made by the seed's own SQL is the same shape.
CREATE TABLE app_user (
    id serial PRIMARY KEY,
    username text UNIQUE NOT NULL,
    password text NOT NULL
);

CREATE TABLE company_data (
    id serial PRIMARY KEY,
    description text NOT NULL
);
