-- wrk script for scripts/bench-http: GET / (工作台) with the session cookie in $XINFANG_BENCH_COOKIE.
local headers = { ["Cookie"] = "xinfang_session=" .. os.getenv("XINFANG_BENCH_COOKIE") }
function request()
  return wrk.format("GET", "/", headers)
end
