-- GET /api/v1/search/semantic with one of 40 distinct descriptions per request (so the embedder runs every time).
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
local n = 0

request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]:gsub(" ", "%%20")
  return wrk.format("GET", "/api/v1/search/semantic?limit=20&q=" .. q)
end

done = common.done("semantic_search")
