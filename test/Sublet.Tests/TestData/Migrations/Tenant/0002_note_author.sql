ALTER TABLE note ADD COLUMN author text REFERENCES member (login);
