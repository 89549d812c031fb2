-- The shared catalog of movies, shows, books and plays.
CREATE TABLE media_items (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('movie', 'show', 'book', 'play')),
    title text NOT NULL,
    original_title text,
    year smallint,
    overview text,
    -- No NULL elements, so the adapter can read the array as a list of strings.
    genres text[] NOT NULL DEFAULT '{}' CHECK (array_position(genres, NULL) IS NULL),
    poster_path text,
    tmdb_id bigint,
    imdb_id text,
    attributes jsonb NOT NULL DEFAULT '{}',
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A TMDb id names one movie or one show: the pair is unique.
CREATE UNIQUE INDEX media_items_kind_tmdb_id_key ON media_items (kind, tmdb_id) WHERE tmdb_id IS NOT NULL;
CREATE INDEX media_items_imdb_id_idx ON media_items (imdb_id);
-- Trigram indexes serve both `<%` (word similarity) and `ILIKE '%…%'` in the catalog search.
CREATE INDEX media_items_title_trgm_idx ON media_items USING gin (title gin_trgm_ops);
CREATE INDEX media_items_original_title_trgm_idx ON media_items USING gin (original_title gin_trgm_ops);
CREATE INDEX media_items_genres_idx ON media_items USING gin (genres);
