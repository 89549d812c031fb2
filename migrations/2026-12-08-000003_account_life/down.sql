DROP INDEX users_display_name_trgm_idx;
ALTER TABLE users DROP COLUMN disabled_at;
