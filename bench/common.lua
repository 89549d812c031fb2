-- Shared by the wrk scripts: reads the seeded users and prints a one-line JSON summary at the end.
local M = {}

function M.load(dir)
  local users = {}
  for line in io.lines(dir .. "/users.txt") do
    local fields = {}
    for w in line:gmatch("%S+") do fields[#fields + 1] = w end
    local ids = {}
    for i = 3, #fields - 1 do ids[#ids + 1] = fields[i] end
    users[#users + 1] = { email = fields[1], token = fields[2], ids = ids, next = tonumber(fields[#fields]) }
  end
  local titles = {}
  for line in io.lines(dir .. "/titles.txt") do titles[#titles + 1] = line end
  return users, titles
end

function M.done(name)
  return function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
    io.write(string.format(
      '{"run":"%s","requests":%d,"rps":%.0f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"errors":%d,"non_2xx":%d}\n',
      name, summary.requests, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, errors, summary.errors.status))
  end
end

return M
