ALTER TABLE notes ADD COLUMN title text;
