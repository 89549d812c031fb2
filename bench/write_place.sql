-- The SQL of POST /api/v1/me/rankings {"media_id", "tier"} on its fast path, for pgbench: the optimistic probe (a place at
-- the bottom of a tier), then
-- the version-guarded insert with its feed row (crates/postgres/src/store/fused.rs and activity.rs; kept in step by
-- hand). bench/http-load.sh makes bench_place: (user, title not on their list) pairs, each handed out once by the
-- sequence bench_place_seq. The key is random (the service computes it after the tier's last key: no SQL of its own).
\set t random(0, 4)
SELECT p.user_id AS uid, p.media_id AS mid FROM bench_place p WHERE p.n = (SELECT nextval('bench_place_seq')) \gset
SELECT COALESCE((SELECT u.list_version FROM users u WHERE u.id = :uid), -1) AS version, -1::int8 AS seen,
    EXISTS (SELECT 1 FROM media_items m WHERE m.id = :mid) AS media_exists,
    ex.id AS existing, NULL::int2 AS moving_tier,
    ex.id AS current_id, ex.media_id AS current_media, ex.tier AS current_tier, ex.rank_key AS current_key,
    ex.stars AS current_stars,
    NULL::int2 AS after_tier, NULL::text AS after_key, NULL::text AS after_next,
    NULL::int2 AS before_tier, NULL::text AS before_key, NULL::text AS before_prev,
    NULL::text AS lowest,
    (SELECT r.rank_key FROM rankings r WHERE r.user_id = :uid AND r.tier = :t AND r.id <> '00000000-0000-0000-0000-000000000000'
     ORDER BY r.rank_key DESC LIMIT 1) AS highest
FROM (SELECT 1) AS locked
    LEFT JOIN rankings ex ON ex.user_id = :uid AND ex.media_id = :mid \gset
WITH u AS (UPDATE users SET list_version = list_version + 1
           WHERE id = :uid AND (:version::int8 IS NULL OR list_version = :version) RETURNING id),
     w AS (INSERT INTO rankings (id, user_id, media_id, tier, rank_key, stars)
           SELECT gen_random_uuid(), :uid, :mid, :t, substr(md5(random()::text), 1, 12), NULL FROM u
           RETURNING id, user_id, media_id, tier, rank_key, stars, created_at, updated_at),
     a AS (INSERT INTO activities (user_id, verb, media_ids, tier, target_id, source_id)
           SELECT :uid::uuid, 'placed'::text, ARRAY[:mid::uuid], :t::int2, NULL::uuid, w.id FROM w
           WHERE true LIMIT 1 RETURNING id)
SELECT w.id, w.tier, w.rank_key, w.stars, w.created_at, w.updated_at,
       m.id AS media_id, m.kind, m.title, m.original_title, m.year, m.genres, m.poster_path,
       c.above + 1 AS position, c.others + 1 AS size
FROM w JOIN media_items m ON m.id = w.media_id
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE r.rank_key < w.rank_key) AS above, count(*) AS others FROM rankings r
    WHERE r.user_id = w.user_id AND r.tier = w.tier AND r.id <> w.id) c;
