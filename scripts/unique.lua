-- wrk script: every request different from all others, as an unauthenticated attacker would send them to grow the
-- server's memory: unique asset, library and dashboard file names, unique codes in verification pages and the
-- verification API, unique bearer tokens, sign-in e-mails, device cookies, client addresses (X-Forwarded-For),
-- user agents, languages and JSON field names. Used by scripts/bench-memory.sh.
local thread_id = 0
local counter = 1
function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
end
local n = 0
local kinds = 9
request = function()
  n = n + 1
  local t = string.format("%d-%d", thread_id, n)
  -- a different IPv4 address per request (from 10.0.0.0/8 upwards), wrapping after 2^24
  local a = (thread_id * 1000003 + n) % 16777216
  local ip = string.format("10.%d.%d.%d", math.floor(a / 65536) % 256, math.floor(a / 256) % 256, a % 256)
  local h = {
    ["X-Forwarded-For"] = ip,
    ["User-Agent"] = "probe/" .. t,
    ["Accept-Language"] = "x-" .. (n % 100000) .. ",en;q=0.5",
    ["Cookie"] = "tm_device=" .. t .. "; tm_session=" .. t,
  }
  local k = n % kinds
  if k == 0 then return wrk.format("GET", "/assets/a" .. t .. ".js", h) end
  if k == 1 then return wrk.format("GET", "/webjars/lib" .. t .. "/1.0/x.js", h) end
  if k == 2 then return wrk.format("GET", "/dashboard/d" .. t .. ".js", h) end
  if k == 3 then return wrk.format("GET", "/v/TM1" .. t, h) end
  if k == 4 then
    h["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/verify", h, '{"code":"TM1' .. t .. '","f' .. t .. '":1}')
  end
  if k == 5 then
    h["Authorization"] = "Bearer tm_" .. t
    return wrk.format("GET", "/api/v1/alerts?id=" .. t, h)
  end
  if k == 6 then
    h["Content-Type"] = "application/json"
    h["Origin"] = "http://127.0.0.1"
    return wrk.format("POST", "/api/v1/session", h, '{"email":"u' .. t .. '@x.example","password":"p' .. t .. '"}')
  end
  if k == 7 then return wrk.format("GET", "/01/09506000134352/21/" .. t .. "?x" .. t .. "=1", h) end
  return wrk.format("GET", "/healthz?" .. t, h)
end
