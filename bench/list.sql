-- The list endpoint's own statement (what diesel generates for GET /api/v1/me/rankings?limit=50), for pgbench.
-- :n picks one of the 100 seeded users through bench_users, made by bench/http-load.sh.
\set n random(1, 100)
SELECT r.id, r.user_id, r.media_id, r.tier, r.rank_key, r.stars, r.created_at, r.updated_at,
       m.id, m.kind, m.title, m.original_title, m.year, m.genres, m.poster_path,
       row_number() OVER (PARTITION BY r.tier ORDER BY r.rank_key),
       count(*) OVER (PARTITION BY r.tier),
       count(*) OVER ()
FROM rankings r
INNER JOIN media_items m ON m.id = r.media_id
WHERE r.user_id = (SELECT id FROM bench_users WHERE n = :n) AND r.tier BETWEEN 0 AND 4
ORDER BY r.tier, r.rank_key
LIMIT 50 OFFSET 0;
