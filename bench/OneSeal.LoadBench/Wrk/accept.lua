-- wrk script of the HTTP accept benchmark (bench/OneSeal.LoadBench/HttpAcceptBench.cs starts wrk with it).
-- POST /api/v1/cases/{id}/accept with the clerk's bearer token, a JSON body and an Idempotency-Key, each request on a
-- different prepared submitted case: thread k of n walks lines k, k+n, k+2n ... of the ids file, so no case is sent twice.
-- Environment: ONESEAL_WRK_IDS (file, one case id a line), ONESEAL_WRK_TOKEN (access token). Argument: the thread count.
local threads = 0

function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end

function init(args)
  ids = {}
  for line in io.lines(os.getenv("ONESEAL_WRK_IDS")) do ids[#ids + 1] = line end
  stride = tonumber(args[1])
  index = first + 1
  headers = {
    ["Authorization"] = "Bearer " .. os.getenv("ONESEAL_WRK_TOKEN"),
    ["Content-Type"] = "application/json",
  }
end

function request()
  local id = ids[index]
  index = index + stride
  if id == nil then
    -- Out of prepared cases: this thread stops (the driver reports that the run ran out); the one request it may
    -- still send is a harmless GET /health.
    wrk.thread:stop()
    return wrk.format("GET", "/health")
  end
  headers["Idempotency-Key"] = "bench-accept-" .. id
  return wrk.format("POST", "/api/v1/cases/" .. id .. "/accept", headers, "{}")
end
