-- The ids and posters the up migration cleared are not restored: nothing records which were genuine.
DROP INDEX media_items_created_by_created_at_idx;
