-- The SQL of PATCH /api/v1/me/rankings/{id} on its common path, for pgbench: the service holds the writer's list (its
-- copy at a known list_version, crates/postgres/src/store/outlines.rs), decides the slot from it with no read, and
-- writes in one version-guarded statement with its feed row, leaving the tier count to the copy
-- (crates/postgres/src/store/fused.rs `Count::ByCaller`, and activity.rs; kept in step by hand). The first statement
-- is the bench's own: it picks a ranking of bench_rankings (made by bench/http-load.sh; n: user 1–100, k: 1–50) and
-- the version the service's copy would hold. The new tier is random and the new key too (the service computes it
-- between the neighbours its copy holds: no SQL of its own). A guard that finds the version moved (another client
-- wrote the list meanwhile) writes nothing, as in the service, which then takes its locked path.
\set n random(1, 100)
\set a random(1, 50)
\set t random(0, 4)
SELECT x.user_id AS uid, x.id AS mv, x.media_id AS mid, u.list_version AS version
FROM bench_rankings x JOIN users u ON u.id = x.user_id WHERE x.n = :n AND x.k = :a \gset
WITH u AS (UPDATE users SET list_version = list_version + 1
           WHERE id = :uid AND (:version::int8 IS NULL OR list_version = :version) RETURNING id),
     w AS (UPDATE rankings SET tier = :t, rank_key = substr(md5(random()::text), 1, 12),
                  stars = COALESCE(NULL::int2, stars), updated_at = now()
           WHERE id = :mv AND user_id = :uid AND EXISTS (SELECT 1 FROM u)
           RETURNING id, user_id, media_id, tier, rank_key, stars, created_at, updated_at),
     a AS (INSERT INTO activities (user_id, verb, media_ids, tier, target_id, source_id)
           SELECT :uid::uuid, 'moved'::text, ARRAY[:mid::uuid], :t::int2, NULL::uuid, :mv::uuid FROM w
           WHERE true LIMIT 1 RETURNING id)
SELECT w.id, w.tier, w.rank_key, w.stars, w.created_at, w.updated_at,
       m.id AS media_id, m.kind, m.title, m.original_title, m.year, m.genres, m.poster_path,
       0::int8 AS position, 0::int8 AS size
FROM w JOIN media_items m ON m.id = w.media_id;
