-- Personal tier lists: one row per title a user ranked.
CREATE TABLE rankings (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    media_id uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    -- 0 = S, 1 = A, 2 = B, 3 = C, 4 = D: ordering by tier orders best first.
    tier smallint NOT NULL CHECK (tier BETWEEN 0 AND 4),
    -- A fractional base-62 key; "C" compares bytewise, which is the keys' numeric order.
    rank_key text COLLATE "C" NOT NULL CHECK (length(rank_key) BETWEEN 1 AND 64),
    stars smallint CHECK (stars BETWEEN 1 AND 5),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rankings_user_media_unique UNIQUE (user_id, media_id),
    -- Deferrable so that a rebalance can rewrite a whole tier in one UPDATE: the check runs at the statement's
    -- end instead of row by row. Its index also serves the ordered list reads and the neighbour seeks.
    CONSTRAINT rankings_tier_key_unique UNIQUE (user_id, tier, rank_key) DEFERRABLE INITIALLY IMMEDIATE
);

-- Merges and media deletes look rankings up by title.
CREATE INDEX rankings_media_id_idx ON rankings (media_id);
