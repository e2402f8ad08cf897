-- wrk script: POST a different real code on every request, from the file named by CODES.
-- With DELAY_MS set, each connection pauses that long between requests, to hold a steadier rate
-- (about connections x 1000 / (DELAY_MS + latency) requests per second) and read latency at that rate.
local codes = {}
for line in io.lines(os.getenv("CODES")) do codes[#codes + 1] = line end
local pause = tonumber(os.getenv("DELAY_MS") or "0")
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"code":"' .. codes[(n % #codes) + 1] .. '"}')
end
if pause > 0 then
  delay = function()
    return pause
  end
end
