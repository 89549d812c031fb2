-- The consensus chart: the latest Bradley–Terry fit over everyone's comparisons and lists (docs/matchups.md).
-- Replaced whole by each refresh.
CREATE TABLE consensus_scores (
    media_id uuid PRIMARY KEY REFERENCES media_items (id) ON DELETE CASCADE,
    -- The centred log-strength, and its standard error.
    strength double precision NOT NULL,
    uncertainty double precision NOT NULL CHECK (uncertainty >= 0),
    comparisons bigint NOT NULL CHECK (comparisons >= 0),
    fitted_at timestamptz NOT NULL
);

CREATE INDEX consensus_scores_strength_idx ON consensus_scores (strength DESC, media_id);
