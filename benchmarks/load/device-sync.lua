-- wrk: an MDM's device syncs, PUT /v1.0/devices/{id} with the device manager's token (one wrk thread).
-- MODE=routine: devices d-0..d-(DEVICES-1) in turn, only lastSyncDateTime moved forward (stores nothing).
-- MODE=flip: the same devices, each visit turning isCompliant over (the first to false): always stored.
--   VISITS_BEFORE counts the flips of earlier runs, so every run goes on where the last one stopped.
-- MODE=mixed: an MDM's day, the same devices in turn, one sync in ten stored: on each round through the
--   inventory a tenth of the devices report a new operatingSystemVersion (spread evenly, each device every
--   tenth round), the rest only move lastSyncDateTime. VISITS_BEFORE as for flip.
-- MODE=create: a new device each request, PREFIX-0, PREFIX-1, ...
-- BATCH=n (default 1): n syncs a request, as one Graph batch (POST /v1.0/$batch); a sync is still one device.
--   Every answer inside a batch is checked: a status of 400 or more counts as an error (BATCH_ERRORS_OUT).
-- done() writes the syncs this run sent to VISITS_OUT (when set).
local function read(path)
  local f = assert(io.open(path, "r")); local s = f:read("*a"); f:close(); return s
end
local mode = os.getenv("MODE")
local devices = tonumber(os.getenv("DEVICES") or "0")
local before = tonumber(os.getenv("VISITS_BEFORE") or "0")
local prefix = os.getenv("PREFIX") or "d"
local seeded, synced = os.getenv("SEEDED_AT"), os.getenv("SYNCED_AT")
local headers = {["Content-Type"] = "application/json",
                 ["Authorization"] = "Bearer " .. read(os.getenv("FIXTURE") .. "/token-device-manager.txt")}
local body = '{"displayName": "Laptop %d", "registeredOwnerId": "u-%d", "operatingSystem": "Windows", '
  .. '"operatingSystemVersion": "10.0.22631.%d", "manufacturer": "Contoso", "model": "Surface 9", '
  .. '"isCompliant": %s, "isManaged": true, "trustType": "AzureAd", "deviceOwnership": "company", '
  .. '"lastSyncDateTime": "%s"}'
local batch = tonumber(os.getenv("BATCH") or "1")
sent = 0 -- global: done() reads it from each thread
failed = 0

-- The next sync: the device's id and its body.
local function sync()
  local n = sent
  sent = sent + 1
  local id, compliant, at, build = n, "true", synced, 4460
  if mode == "create" then
    return prefix .. "-" .. n, body:format(n, n % 5000, build, "true", seeded)
  elseif mode == "flip" then
    local visit = before + n
    id = visit % devices
    compliant = math.floor(visit / devices) % 2 == 0 and "false" or "true"
  elseif mode == "mixed" then
    local visit = before + n
    id = visit % devices
    -- Device id's build goes up when (round + id % 10) reaches the next ten: round 0 keeps the seeded one.
    build = build + math.floor((math.floor(visit / devices) + id % 10) / 10)
  else
    id = n % devices
  end
  return prefix .. "-" .. id, body:format(id, id % 5000, build, compliant, at)
end

function request()
  if batch == 1 then
    local id, device = sync()
    return wrk.format("PUT", "/v1.0/devices/" .. id, headers, device)
  end
  local requests = {}
  for i = 1, batch do
    local id, device = sync()
    requests[i] = '{"id": "' .. i .. '", "method": "PUT", "url": "/devices/' .. id .. '", "body": ' .. device .. '}'
  end
  return wrk.format("POST", "/v1.0/$batch", headers, '{"requests": [' .. table.concat(requests, ",") .. ']}')
end

if batch > 1 then
  function response(status, headers, body)
    for code in body:gmatch('"status":(%d+)') do
      if tonumber(code) >= 400 then failed = failed + 1 end
    end
  end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end
-- Writes the sum of a counter over every thread to the file an environment variable names, if it names one.
local function write_total(variable, counter)
  local path = os.getenv(variable)
  if path then
    local total = 0
    for _, t in ipairs(threads) do total = total + t:get(counter) end
    local f = assert(io.open(path, "w")); f:write(tostring(total)); f:close()
  end
end

function done()
  write_total("VISITS_OUT", "sent")
  write_total("BATCH_ERRORS_OUT", "failed")
end
