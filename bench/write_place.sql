-- The SQL of POST /api/v1/me/rankings {"media_id", "tier"} on its common path, for pgbench: the service holds the
-- writer's list (crates/postgres/src/store/outlines.rs), decides the slot from it with no read, and inserts in one
-- version-guarded statement with its feed row, leaving the tier count to its copy (crates/postgres/src/store/fused.rs
-- `Count::ByCaller`, and activity.rs; kept in step by hand). The first statement is the bench's own: it hands out a
-- (user, title not on their list) pair of bench_place (made by bench/http-load.sh; each pair once, by the sequence
-- bench_place_seq) and the version the service's copy would hold. The key is random (the service computes it after
-- the tier's last key, from its copy: no SQL of its own).
\set t random(0, 4)
SELECT p.user_id AS uid, p.media_id AS mid, u.list_version AS version
FROM bench_place p JOIN users u ON u.id = p.user_id WHERE p.n = (SELECT nextval('bench_place_seq')) \gset
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
       0::int8 AS position, 0::int8 AS size
FROM w JOIN media_items m ON m.id = w.media_id;
