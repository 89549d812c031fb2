-- The SQL of PATCH /api/v1/me/rankings/{id} {"before": other} on its fast path, for pgbench: the optimistic probe
-- of a move before a neighbour,
-- then the version-guarded move with its feed row (crates/postgres/src/store/fused.rs and activity.rs; kept in step
-- by hand). bench/http-load.sh makes bench_rankings (n: user 1–100, k: 1–50, the ranking's id and title).
-- The new key is random (the service computes it between the neighbours the probe read: no SQL of its own).
\set n random(1, 100)
\set a random(1, 50)
\set b random(1, 49)
\set b (CASE WHEN :b >= :a THEN :b + 1 ELSE :b END)
SELECT x.user_id AS uid, x.id AS mv, x.media_id AS mid, y.id AS bf
FROM bench_rankings x, bench_rankings y WHERE x.n = :n AND x.k = :a AND y.n = :n AND y.k = :b \gset
SELECT COALESCE((SELECT u.list_version FROM users u WHERE u.id = :uid), -1) AS version, -1::int8 AS seen,
    true AS media_exists, NULL::uuid AS existing, mv.tier AS moving_tier,
    mv.id AS current_id, mv.media_id AS current_media, mv.tier AS current_tier, mv.rank_key AS current_key,
    mv.stars AS current_stars,
    NULL::int2 AS after_tier, NULL::text AS after_key, NULL::text AS after_next,
    b.tier AS before_tier, b.rank_key AS before_key,
    (SELECT r.rank_key FROM rankings r WHERE r.user_id = :uid AND r.tier = b.tier AND r.rank_key < b.rank_key
     AND r.id <> :mv ORDER BY r.rank_key DESC LIMIT 1) AS before_prev,
    NULL::text AS lowest, NULL::text AS highest
FROM (SELECT 1) AS locked
    LEFT JOIN rankings mv ON mv.id = :mv AND mv.user_id = :uid
    LEFT JOIN rankings b ON b.id = :bf AND b.user_id = :uid \gset
WITH u AS (UPDATE users SET list_version = list_version + 1
           WHERE id = :uid AND (:version::int8 IS NULL OR list_version = :version) RETURNING id),
     w AS (UPDATE rankings SET tier = :before_tier, rank_key = substr(md5(random()::text), 1, 12),
                  stars = COALESCE(NULL::int2, stars), updated_at = now()
           WHERE id = :mv AND user_id = :uid AND EXISTS (SELECT 1 FROM u)
           RETURNING id, user_id, media_id, tier, rank_key, stars, created_at, updated_at),
     a AS (INSERT INTO activities (user_id, verb, media_ids, tier, target_id, source_id)
           SELECT :uid::uuid, 'moved'::text, ARRAY[:mid::uuid], :before_tier::int2, NULL::uuid, :mv::uuid FROM w
           WHERE true LIMIT 1 RETURNING id)
SELECT w.id, w.tier, w.rank_key, w.stars, w.created_at, w.updated_at,
       m.id AS media_id, m.kind, m.title, m.original_title, m.year, m.genres, m.poster_path,
       c.above + 1 AS position, c.others + 1 AS size
FROM w JOIN media_items m ON m.id = w.media_id
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE r.rank_key < w.rank_key) AS above, count(*) AS others FROM rankings r
    WHERE r.user_id = w.user_id AND r.tier = w.tier AND r.id <> w.id) c;
