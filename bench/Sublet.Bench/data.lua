-- Authenticated GET /data, rotating Host and Cookie across every tenant; counts any status but 200.
-- The tenants file holds one "host<TAB>cookie" line per tenant.
local tenants = {}
local next_index = 1
non200 = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local host, cookie = line:match("^(%S+)\t(.+)$")
    -- Built once: formatting the request anew each time would spend the client's CPU, which the server shares.
    table.insert(tenants, wrk.format("GET", "/data", { ["Host"] = host, ["Cookie"] = cookie }))
  end
  -- Each thread starts at a different tenant so threads do not march in step.
  next_index = math.random(#tenants)
end

function request()
  local prepared = tenants[next_index]
  next_index = next_index % #tenants + 1
  return prepared
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non200")
  end
  io.write(string.format("SUBLET requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f non200=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
