-- Imports match titles by a normalised key: lower case, only a-z and 0-9 kept (the domain's `title_key`).
-- Generated, so every writer of media_items gets it without knowing about it.
ALTER TABLE media_items
    ADD COLUMN title_key text NOT NULL GENERATED ALWAYS AS (regexp_replace(lower(title), '[^a-z0-9]+', '', 'g')) STORED;

CREATE INDEX media_items_title_key_idx ON media_items (title_key, year);
-- MovieLens rows without a TMDb id are upserted by their MovieLens id.
CREATE INDEX media_items_movielens_id_idx ON media_items ((attributes ->> 'movielens_id'))
    WHERE attributes ? 'movielens_id';
