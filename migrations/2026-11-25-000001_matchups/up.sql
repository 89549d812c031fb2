-- Top-4 matchups: each user's four favourite titles with an Elo rating, the matchups shown to voters, and the
-- votes cast. A set whose titles change is replaced by a new row (new id, 1500, no votes); see docs/matchups.md.
CREATE TABLE top4_sets (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    media_1 uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    media_2 uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    media_3 uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    media_4 uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    rating double precision NOT NULL DEFAULT 1500,
    wins integer NOT NULL DEFAULT 0 CHECK (wins >= 0),
    losses integer NOT NULL DEFAULT 0 CHECK (losses >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT top4_sets_user_key UNIQUE (user_id),
    CONSTRAINT top4_sets_distinct_titles CHECK (
        media_1 <> media_2 AND media_1 <> media_3 AND media_1 <> media_4
        AND media_2 <> media_3 AND media_2 <> media_4 AND media_3 <> media_4
    )
);

-- The leaderboard's order.
CREATE INDEX top4_sets_leaderboard_idx ON top4_sets (rating DESC, (wins + losses) DESC, id);
-- Media deletes find sets by title.
CREATE INDEX top4_sets_media_1_idx ON top4_sets (media_1);
CREATE INDEX top4_sets_media_2_idx ON top4_sets (media_2);
CREATE INDEX top4_sets_media_3_idx ON top4_sets (media_3);
CREATE INDEX top4_sets_media_4_idx ON top4_sets (media_4);

-- A pair of sets shown to a voter. It goes when either set is replaced: a vote on it then answers 404.
CREATE TABLE matchups (
    id uuid PRIMARY KEY,
    voter_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    set_a_id uuid NOT NULL REFERENCES top4_sets (id) ON DELETE CASCADE,
    set_b_id uuid NOT NULL REFERENCES top4_sets (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT matchups_distinct_sets CHECK (set_a_id <> set_b_id)
);

-- The voter's recent pairs, newest first.
CREATE INDEX matchups_voter_created_idx ON matchups (voter_id, created_at DESC);
CREATE INDEX matchups_set_a_idx ON matchups (set_a_id);
CREATE INDEX matchups_set_b_idx ON matchups (set_b_id);

-- One vote per matchup, kept as implicit feedback even after the sets change: the titles of both sides are
-- copied, and there is no foreign key to the sets or the matchup.
CREATE TABLE matchup_votes (
    matchup_id uuid PRIMARY KEY,
    voter_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    winner_set_id uuid NOT NULL,
    loser_set_id uuid NOT NULL,
    winner_media uuid[] NOT NULL CHECK (cardinality(winner_media) = 4),
    loser_media uuid[] NOT NULL CHECK (cardinality(loser_media) = 4),
    winner_rating_before double precision NOT NULL,
    loser_rating_before double precision NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX matchup_votes_voter_idx ON matchup_votes (voter_id, created_at DESC);
