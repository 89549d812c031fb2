DROP TABLE follows;
ALTER TABLE users DROP COLUMN visibility;
