-- wrk script: POST a different real code on every request, from the file named by CODES.
local codes = {}
for line in io.lines(os.getenv("CODES")) do codes[#codes + 1] = line end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, '{"code":"' .. codes[(n % #codes) + 1] .. '"}')
end
