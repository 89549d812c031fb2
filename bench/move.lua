-- PATCH /api/v1/me/rankings/{id} {"before": other}: a random user moves one of their titles above another.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local users = common.load(os.getenv("BENCH_DATA"))

request = function()
  local u = users[math.random(#users)]
  local a = math.random(#u.ids)
  local b = math.random(#u.ids - 1)
  if b >= a then b = b + 1 end
  return wrk.format("PATCH", "/api/v1/me/rankings/" .. u.ids[a],
    { ["Authorization"] = "Bearer " .. u.token, ["Content-Type"] = "application/json" },
    '{"before":"' .. u.ids[b] .. '"}')
end

done = common.done("move")
