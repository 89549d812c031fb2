DROP INDEX media_items_movielens_id_idx;
DROP INDEX media_items_title_key_idx;
ALTER TABLE media_items DROP COLUMN title_key;
