-- GET /api/v1/search/semantic with one of 40 descriptions per request. With SEMANTIC_UNIQUE=1 each request adds a
-- number of its own ("... 17-3"), so no two requests share a query and every one runs the model (no cache hits);
-- without it the 40 repeat, as popular searches do, and the server's query cache answers most of them.
-- With SEMANTIC_PACE_MS=m each connection waits m ms after every answer before its next request (wrk's `delay`), so
-- the 16 connections offer at most 16 × 1000 / m requests per second instead of as many as the server can answer:
-- latency below saturation rather than queueing at it.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")

local queries = {
  "slow-burn space thriller with a lonely astronaut", "a heist that goes wrong", "talking toys come to life",
  "romantic comedy in new york", "a boxer fights for a title", "world war two soldiers behind enemy lines",
  "a haunted house in the countryside", "time travel paradox", "a road trip across america",
  "a detective hunts a serial killer", "superheroes save the city", "a shark terrorises a beach town",
  "coming of age summer", "a musician chases fame", "robots rebel against humans", "a courtroom drama",
  "zombies overrun the world", "a family vacation disaster", "an animated fairy tale with a princess",
  "gangsters in the 1930s", "a submarine under pressure", "a sports underdog story", "a cult in the woods",
  "aliens invade earth", "a spy on a secret mission", "dinosaurs in a theme park", "a prison escape",
  "a documentary about nature", "a western showdown at noon", "a dystopian future society",
  "friends go to college", "a ghost story for children", "a mountain climbing survival tale",
  "a political conspiracy thriller", "a chef opens a restaurant", "pirates search for treasure",
  "a teenage vampire romance", "an epic fantasy quest with a ring", "martial arts revenge", "a musical on broadway",
}
local unique = os.getenv("SEMANTIC_UNIQUE") == "1"
local pace = tonumber(os.getenv("SEMANTIC_PACE_MS") or "")
local n = 0
local threads = 0 -- counted in the setup state; each thread gets its number as the global `thread_id`

setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  if unique then q = q .. " " .. n .. "-" .. (thread_id or 0) end
  return wrk.format("GET", "/api/v1/search/semantic?limit=20&q=" .. q:gsub(" ", "%%20"))
end

if pace then
  delay = function() return pace end
end

done = common.done((unique and "semantic_search_unique" or "semantic_search_repeated")
  .. (pace and ("_paced_" .. pace .. "ms") or ""))
