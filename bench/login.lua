-- POST /api/v1/auth/login as a random seeded user (bcrypt cost 12 on the server).
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local users = common.load(os.getenv("BENCH_DATA"))

request = function()
  local u = users[math.random(#users)]
  return wrk.format("POST", "/api/v1/auth/login", { ["Content-Type"] = "application/json" },
    '{"email":"' .. u.email .. '","password":"load-test-password"}')
end

done = common.done("login")
