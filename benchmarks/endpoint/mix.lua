-- wrk script: cycle through the request paths in $MIX_FILE (one per line, thread offset so the 2 wrk
-- threads do not move in lock-step). With $UNIQUE=1 every request gets a distinct trailing comment in
-- its query ("%0A%23<run>-<thread>-<n>"), so no server can answer from a cache of earlier answers; $RUN
-- is a nonce of the wrk run (run.py gives each its own), so a run does not repeat the texts of the last.
local paths, i, n = {}, 0, 0
local unique = os.getenv("UNIQUE") == "1"
local run = os.getenv("RUN") or "0"
local accept = os.getenv("ACCEPT") or "application/sparql-results+json, text/turtle;q=0.9"

function setup(thread)
  n = n + 1
  thread:set("offset", n * 7)
end

function init(args)
  for line in io.lines(os.getenv("MIX_FILE")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  i = (offset or 0) % #paths
end

local counter = 0
function request()
  i = i % #paths + 1
  counter = counter + 1
  local p = paths[i]
  if unique then p = p .. "%0A%23" .. run .. "-" .. tostring(offset or 0) .. "-" .. tostring(counter) end
  return wrk.format("GET", p, { ["Accept"] = accept })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "seconds": %.3f, "errors": %d, "non2xx": %d, "p50_ms": %.3f, "p99_ms": %.3f}\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
