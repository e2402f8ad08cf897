-- wrk script: POST a different real code on every request, from the file named by CODES.
-- With RATE set (requests per second over all of wrk's threads; THREADS tells how many, default 2), requests are
-- sent on a fixed schedule: each wrk thread claims the next slot of its share of the rate whenever one of its
-- connections is free, so the rate holds whatever the latency (while connections are free), and requests held
-- up by a slow answer go out at once afterwards instead of being skipped.
-- With DELAY_MS set instead, each connection pauses that long between requests (about
-- connections x 1000 / (DELAY_MS + latency) requests per second: slower answers mean a lower rate).
local codes = {}
for line in io.lines(os.getenv("CODES")) do codes[#codes + 1] = line end
local pause = tonumber(os.getenv("DELAY_MS") or "0")
local rate = tonumber(os.getenv("RATE") or "0")
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"code":"' .. codes[(n % #codes) + 1] .. '"}')
end
if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } tm_timespec;
    int clock_gettime(int clock, tm_timespec *now);
  ]]
  local now = ffi.new("tm_timespec")
  local function millis()
    ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end
  local interval = 1000 * tonumber(os.getenv("THREADS") or "2") / rate
  local slot = nil
  delay = function()
    local t = millis()
    if slot == nil or slot < t - 1000 then
      slot = t -- start, or more than a second behind: do not send a backlog of that size at once
    end
    slot = slot + interval
    return math.max(0, slot - t)
  end
elseif pause > 0 then
  delay = function()
    return pause
  end
end
