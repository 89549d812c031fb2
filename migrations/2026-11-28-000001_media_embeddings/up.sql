-- One sentence embedding per catalog item and model, for semantic search (docs/embeddings.md).
-- The in-process index loads every row of the model at start; PostgreSQL only keeps them.
CREATE TABLE media_embeddings (
    media_id uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    -- Vectors of different models are never compared.
    model text NOT NULL,
    -- A unit vector (384 floats for all-MiniLM-L6-v2), one-dimensional, no NULL elements.
    vector real[] NOT NULL CHECK (array_ndims(vector) = 1 AND cardinality(vector) > 0
                                  AND array_position(vector, NULL) IS NULL),
    -- FNV-1a hash of the text embedded (title, year, genres, overview).
    text_hash text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (media_id, model)
);
