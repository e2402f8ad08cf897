-- wrk script: like verify.lua, but each connection waits DELAY_MS between requests, to hold a steady rate
-- (about connections x 1000 / (DELAY_MS + latency) requests per second) and read latency at that rate.
local codes = {}
for line in io.lines(os.getenv("CODES")) do codes[#codes + 1] = line end
local pause = tonumber(os.getenv("DELAY_MS") or "10")
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"code":"' .. codes[(n % #codes) + 1] .. '"}')
end
delay = function()
  return pause
end
