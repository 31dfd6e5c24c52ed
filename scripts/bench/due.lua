-- wrk script for scripts/bench-http: GET /api/v1/due?unit=… rotating over the units listed in
-- $XINFANG_BENCH_UNITS (a file, one unit a line), with the api token in $XINFANG_BENCH_TOKEN.
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local token = os.getenv("XINFANG_BENCH_TOKEN")
local paths = {}
for line in io.lines(os.getenv("XINFANG_BENCH_UNITS")) do
  if line ~= "" then paths[#paths + 1] = "/api/v1/due?unit=" .. urlencode(line) end
end
local headers = { ["Authorization"] = "Bearer " .. token }
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 7919)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end

local failures = 0
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end
