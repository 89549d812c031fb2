DROP TRIGGER media_items_bump_catalog_version ON media_items;
DROP FUNCTION bump_catalog_version();
DROP TABLE catalog_state;
ALTER TABLE users DROP COLUMN list_version;
