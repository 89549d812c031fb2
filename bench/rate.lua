-- PUT /api/v1/me/ratings/{media_id} {"stars": n}: a random user rates one of the 50 titles they ranked at seeding with
-- random stars (the tier the stars pick: moved to its bottom, or kept in place when already there).
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local users, titles = common.load(os.getenv("BENCH_DATA"))

request = function()
  local u = users[math.random(#users)]
  -- bench/seed_load.py ranked titles next-50 … next-1 (mod the catalog) for each user.
  local k = (u.next - 50 + math.random(0, 49)) % #titles
  return wrk.format("PUT", "/api/v1/me/ratings/" .. titles[k + 1],
    { ["Authorization"] = "Bearer " .. u.token, ["Content-Type"] = "application/json" },
    '{"stars":' .. math.random(1, 5) .. '}')
end

done = common.done("rate")
