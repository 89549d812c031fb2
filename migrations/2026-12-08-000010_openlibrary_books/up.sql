-- Books from Open Library keep their facts in `attributes.openlibrary` (work key, authors, first publication year,
-- subjects, page count, ISBN-13s, cover id; see marquee_domain::book). The work key names a book the way the TMDb
-- id names a film: remote upserts are deduplicated by it (ON CONFLICT on this index), and imports match on it.
CREATE UNIQUE INDEX media_items_openlibrary_key_idx ON media_items (kind, (attributes #>> '{openlibrary,key}'))
    WHERE attributes #>> '{openlibrary,key}' IS NOT NULL;

-- Imports match books by ISBN (`attributes.openlibrary.isbns ?| …`) before title and year.
CREATE INDEX media_items_openlibrary_isbns_idx ON media_items USING gin ((attributes -> 'openlibrary' -> 'isbns'))
    WHERE attributes ? 'openlibrary';
