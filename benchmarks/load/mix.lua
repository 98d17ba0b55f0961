-- wrk script for the load benchmark: cycle through $MIX_FILE, one request a line:
--   KIND <tab> ACCEPT <tab> PATH <tab> UNIQUE
-- UNIQUE=1 (SPARQL lines) appends a distinct comment to the query ("%0A%23<thread>-<n>"), so the
-- server's answer cache cannot help. Each thread starts at its own offset. Every response is
-- counted by status class; done() prints one RESULT line of JSON.
local lines, i, n = {}, 0, 0
local threads = {}

function setup(thread)
  n = n + 1
  thread:set("offset", n * 7919)
  thread:set("id", n)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("MIX_FILE")) do
    local kind, accept, path, unique = line:match("^([^\t]+)\t([^\t]*)\t([^\t]+)\t([01])$")
    if kind then lines[#lines + 1] = { kind = kind, accept = accept, path = path, unique = unique == "1" } end
  end
  i = (offset or 0) % #lines
end

local counter, last = 0, nil
function request()
  i = i % #lines + 1
  counter = counter + 1
  last = lines[i]
  local p = last.path
  if last.unique then p = p .. "%0A%23" .. tostring(id or 0) .. "-" .. tostring(counter) end
  return wrk.format("GET", p, { ["Accept"] = last.accept })
end

-- counted in globals ("c2xx"...), which done() reads from each thread with thread:get
function response(status, headers, body)
  local name = "c" .. tostring(math.floor(status / 100)) .. "xx"
  _G[name] = (_G[name] or 0) + 1
end

function done(summary, latency, requests)
  local statuses = {}
  for _, t in ipairs(threads) do
    for _, class in ipairs({ "2xx", "3xx", "4xx", "5xx" }) do
      local v = t:get("c" .. class)
      if v then statuses[class] = (statuses[class] or 0) + v end
    end
  end
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "seconds": %.3f, "socket_errors": %d, "timeouts": %d, "non2xx": %d, '
    .. '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "s4xx": %d, "s5xx": %d}\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write, e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    statuses["4xx"] or 0, statuses["5xx"] or 0))
end
