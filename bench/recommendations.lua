-- GET /api/v1/recommendations for one signed-in user (TOKEN), strategy STRATEGY (default hybrid), 20 titles.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local strategy = os.getenv("STRATEGY") or "hybrid"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

request = function()
  return wrk.format("GET", "/api/v1/recommendations?limit=20&strategy=" .. strategy)
end

done = common.done("recommendations_" .. strategy)
