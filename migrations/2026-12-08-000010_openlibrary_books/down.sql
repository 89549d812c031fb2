DROP INDEX IF EXISTS media_items_openlibrary_isbns_idx;
DROP INDEX IF EXISTS media_items_openlibrary_key_idx;
