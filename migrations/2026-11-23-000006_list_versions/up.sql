-- Versions that let a server cache list pages safely: a cached page is served only while both versions still
-- match what PostgreSQL holds, so every instance sees every committed change.

-- Bumped by every write to the user's list, in the write's own transaction (the write's first statement: the
-- same UPDATE takes the row lock that serialises one user's list writes).
ALTER TABLE users ADD COLUMN list_version bigint NOT NULL DEFAULT 0;

-- One row: bumped by every statement that changes or deletes catalog items, since list pages show their titles.
CREATE TABLE catalog_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version bigint NOT NULL DEFAULT 0
);
INSERT INTO catalog_state DEFAULT VALUES;

CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_state SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER media_items_bump_catalog_version
    AFTER UPDATE OR DELETE OR TRUNCATE ON media_items
    FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
