-- The daily catalog quota counts one user's entries of the last 24 hours (under an advisory lock, on every
-- POST /media and import): this index answers that from the user's own entries only.
CREATE INDEX media_items_created_by_created_at_idx ON media_items (created_by, created_at)
    WHERE created_by IS NOT NULL;

-- Provider ids are TMDb's and admins' to set. Entries users made before that rule may claim a TMDb or IMDb id
-- (or a provider's attributes) that is not theirs: the unique (kind, tmdb_id) index then kept the real title out,
-- and TMDb data never refreshes a user's entry. Their ids go; the entries stay, as the users' own titles. Entries
-- made by admins keep theirs (curation). One way only: the down migration cannot tell the ids apart again.
UPDATE media_items m
   SET tmdb_id = NULL, imdb_id = NULL, attributes = m.attributes - 'tmdb' - 'movielens_id', updated_at = now()
 WHERE m.created_by IS NOT NULL
   AND (m.tmdb_id IS NOT NULL OR m.imdb_id IS NOT NULL OR m.attributes ? 'tmdb' OR m.attributes ? 'movielens_id')
   AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = m.created_by AND u.is_admin);

-- Posters the API no longer accepts (anything but a TMDb file path or an https URL without credentials, such as
-- `javascript:` or `data:`) are dropped, by the same shape `marquee_domain::media::image_ref` checks.
UPDATE media_items
   SET poster_path = NULL, updated_at = now()
 WHERE poster_path IS NOT NULL
   AND poster_path !~* '^/[a-z0-9_-][a-z0-9._-]*\.(jpg|jpeg|png|webp|gif|avif)$'
   AND poster_path !~* '^https://[^[:space:][:cntrl:]@/?#\\]+([/?#][^[:space:][:cntrl:]]*)?$';
