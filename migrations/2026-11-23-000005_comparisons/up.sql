-- Every "which did you like more?" answer, kept as data: placement answers, matchup-derived pairs, and any
-- later source. A tie keeps both titles with `tie` set; winner and loser are then just the two titles.
CREATE TABLE comparisons (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    winner_id uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    loser_id uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    tie boolean NOT NULL DEFAULT false,
    -- Where the answer came from: 'placement', 'matchup', ...
    context text NOT NULL CHECK (context <> ''),
    -- The placement session (or other source) that asked, when there is one.
    source_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT comparisons_distinct_titles CHECK (winner_id <> loser_id)
);

-- A user's history, newest first (keyset pagination on created_at, id).
CREATE INDEX comparisons_user_created_idx ON comparisons (user_id, created_at DESC, id DESC);
-- Merges and media deletes find comparisons by title.
CREATE INDEX comparisons_winner_idx ON comparisons (winner_id);
CREATE INDEX comparisons_loser_idx ON comparisons (loser_id);
