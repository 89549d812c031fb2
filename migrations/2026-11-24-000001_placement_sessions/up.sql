-- Pairwise placement sessions: a title being placed into a tier by "which did you like more?" questions.
-- `state` is the domain's SearchState (the prior, the question budget, the answers with their pivots and
-- comparison ids, the open question) as JSON; the list itself stays in `rankings`, read afresh on every answer.
CREATE TABLE placement_sessions (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    media_id uuid NOT NULL REFERENCES media_items (id) ON DELETE CASCADE,
    tier smallint NOT NULL CHECK (tier BETWEEN 0 AND 4),
    stars smallint CHECK (stars BETWEEN 1 AND 5),
    state jsonb NOT NULL,
    -- Set once the title is placed; the session then only answers 409.
    ranking_id uuid REFERENCES rankings (id) ON DELETE SET NULL,
    placed boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Idle sessions expire; every answer or undo moves this forward.
    expires_at timestamptz NOT NULL
);

-- Sessions of a user (clean-up of expired ones when the user starts another).
CREATE INDEX placement_sessions_user_idx ON placement_sessions (user_id, expires_at);
