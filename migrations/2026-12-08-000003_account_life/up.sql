-- Admins may disable an account: it cannot sign in and its tokens stop working (see docs/auth.md).
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

-- Finding people by display name: a case-insensitive substring match (`lower(display_name) LIKE '%…%'`) that the
-- trigram index answers without scanning the table.
CREATE INDEX users_display_name_trgm_idx ON users USING gin (lower(display_name) gin_trgm_ops);
