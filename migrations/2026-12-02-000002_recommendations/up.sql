-- Explicit interactions, the implicit signals clients report besides rankings, comparisons and matchup votes.
-- One row per (user, title, kind): repeating an interaction moves its time.
CREATE TABLE interactions (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    media_id uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('view', 'click', 'watchlist')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, media_id, kind)
);
CREATE INDEX interactions_media_id ON interactions (media_id);

-- Trained recommendation models (ALS factors), newest id = newest model; every instance loads the newest.
CREATE TABLE rec_models (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trained_at timestamptz NOT NULL,
    factors int4 NOT NULL CHECK (factors > 0),
    settings jsonb NOT NULL
);

-- No foreign key to media_items or users: a title or account deleted after training leaves an unused row, and
-- deleting a title never has to wait for the factor tables.
CREATE TABLE rec_item_factors (
    model_id bigint NOT NULL REFERENCES rec_models (id) ON DELETE CASCADE,
    media_id uuid NOT NULL,
    vector real[] NOT NULL,
    PRIMARY KEY (model_id, media_id)
);

CREATE TABLE rec_user_factors (
    model_id bigint NOT NULL REFERENCES rec_models (id) ON DELETE CASCADE,
    user_id uuid NOT NULL,
    vector real[] NOT NULL,
    PRIMARY KEY (model_id, user_id)
);
