-- wrk script of scripts/bench-rules.sh: sends the scans of the file named by SCANS (written by bench/RulesLoadServer,
-- one a line: P or G, code URL or path, device id or -, country, client address, latitude and longitude or -), each
-- request a different scan. P is POST /api/v1/verify with the device id and place in the body; G a browser's GET of the
-- code's page with the device cookie. The country goes in CF-IPCountry, the address in X-Forwarded-For (the server is
-- started trusting both). Requests are built once per thread before the run, so sending costs the same whichever way
-- the server judges. wrk's threads take alternate lines from one start: START (a line number), or a random line.
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  if counter == 1 then
    math.randomseed(os.time())
    start_fraction = math.random()
  end
  thread:set("tid", counter - 1)
  thread:set("start_fraction", start_fraction)
  table.insert(threads, thread)
end

local requests = {}
local n, stride
function init(args)
  local host = wrk.headers["Host"]
  for line in io.lines(os.getenv("SCANS")) do
    local kind, target, device, country, ip, lat, lon = line:match("^(%a)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)$")
    local headers = { ["Host"] = host, ["CF-IPCountry"] = country, ["X-Forwarded-For"] = ip }
    if kind == "G" then
      headers["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
      headers["Accept"] = "text/html"
      if device ~= "-" then headers["Cookie"] = "tm_device=" .. device end
      requests[#requests + 1] = wrk.format("GET", target, headers, nil)
    else
      headers["Content-Type"] = "application/json"
      local body = '{"code":"' .. target .. '"'
      if device ~= "-" then body = body .. ',"deviceId":"' .. device .. '"' end
      if lat ~= "-" then body = body .. ',"lat":' .. lat .. ',"lon":' .. lon end
      requests[#requests + 1] = wrk.format("POST", "/api/v1/verify", headers, body .. "}")
    end
  end
  stride = tonumber(os.getenv("THREADS") or "2")
  local first = tonumber(os.getenv("START") or "-1")
  if first < 0 then first = math.floor(start_fraction * #requests) end
  n = first + tid
end

request = function()
  local r = requests[(n % #requests) + 1]
  n = n + stride
  return r
end
