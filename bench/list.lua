-- GET /api/v1/me/rankings?limit=50 as a random one of the 100 seeded users.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local users = common.load(os.getenv("BENCH_DATA"))

request = function()
  local u = users[math.random(#users)]
  return wrk.format("GET", "/api/v1/me/rankings?limit=50", { ["Authorization"] = "Bearer " .. u.token })
end

done = common.done("list")
