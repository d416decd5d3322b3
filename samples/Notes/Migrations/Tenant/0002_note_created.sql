-- When each note was written; existing notes get the time of the migration.
ALTER TABLE notes ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
