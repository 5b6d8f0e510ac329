-- wrk: POST the What-If question with the reader's token (paths from the environment).
local function read(path)
  local f = assert(io.open(path, "r")); local s = f:read("*a"); f:close(); return s
end
local dir = os.getenv("FIXTURE")
wrk.method = "POST"
wrk.body = read(dir .. "/whatif.json")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. read(dir .. "/token-reader.txt")
