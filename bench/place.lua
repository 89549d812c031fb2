-- POST /api/v1/me/rankings: each user places titles they have not ranked yet, at the bottom of a tier.
-- Users are split between wrk threads so no two connections place the same title for the same user.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local next_thread = 0
setup = function(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
end

local users, titles, mine, turn = nil, nil, {}, 0
local tiers = { "S", "A", "B", "C", "D" }

init = function(args)
  users, titles = common.load(os.getenv("BENCH_DATA"))
  local threads = tonumber(os.getenv("BENCH_THREADS") or "2")
  for i, u in ipairs(users) do
    if (i - 1) % threads == thread_index then mine[#mine + 1] = u end
  end
end

request = function()
  turn = turn + 1
  local u = mine[(turn % #mine) + 1]
  local media = titles[(u.next % #titles) + 1]
  u.next = u.next + 1
  return wrk.format("POST", "/api/v1/me/rankings",
    { ["Authorization"] = "Bearer " .. u.token, ["Content-Type"] = "application/json" },
    '{"media_id":"' .. media .. '","tier":"' .. tiers[(turn % 5) + 1] .. '"}')
end

done = common.done("place")
