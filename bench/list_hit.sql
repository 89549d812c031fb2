-- What a cached list read asks PostgreSQL (the version check of GET /api/v1/me/rankings), for pgbench.
-- :n picks one of the 100 seeded users through bench_users, made by bench/http-load.sh.
\set n random(1, 100)
SELECT u.list_version, (SELECT c.version FROM catalog_state c)
FROM users u
WHERE u.id = (SELECT id FROM bench_users WHERE n = :n);
