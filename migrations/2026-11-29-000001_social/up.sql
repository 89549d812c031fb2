-- Who may read a user's list, taste, follows and activity (see docs/social.md).
ALTER TABLE users ADD COLUMN visibility text NOT NULL DEFAULT 'public'
    CONSTRAINT users_visibility_check CHECK (visibility IN ('public', 'followers', 'private'));

-- One row per follow; `accepted` is false while the owner of a followers-only profile has not approved it.
CREATE TABLE follows (
    follower_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    accepted boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (follower_id, followee_id),
    CONSTRAINT follows_not_self CHECK (follower_id <> followee_id)
);

-- "Who follows me", newest first.
CREATE INDEX follows_followee_idx ON follows (followee_id, created_at DESC);
