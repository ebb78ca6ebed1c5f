-- wrk script for backend_bench.py. BENCH_MODE=orders: POST /api/v1/orders with 3 random lines and a
-- fresh UUID each; BENCH_MODE=get: GET the URL's path, with If-None-Match when BENCH_ETAG is set.
-- Inputs come from the environment (set by the bench; the token never goes on a command line):
--   BENCH_TOKEN_FILE  a file holding the kiosk's bearer token (none: no Authorization header)
--   BENCH_PRODUCTS    orders: a file of "product_id price" lines
--   BENCH_STORE_ID    orders: the store to sell in
-- It prints one line of latency percentiles (ms) and counts that the bench parses.

local function read_all(path)
  local f = assert(io.open(path, "r"))
  local text = f:read("*a")
  f:close()
  return text
end

local mode = os.getenv("BENCH_MODE") or "get"
local token_file = os.getenv("BENCH_TOKEN_FILE")
local token = token_file and read_all(token_file):gsub("%s+", "") or nil
local etag = os.getenv("BENCH_ETAG")
local store_id = os.getenv("BENCH_STORE_ID")
local products = {}
if mode == "orders" then
  for id, price in read_all(os.getenv("BENCH_PRODUCTS")):gmatch("(%d+)%s+(%d+)") do
    products[#products + 1] = { tonumber(id), tonumber(price) }
  end
end

function init(_args)
  -- Each wrk thread has its own Lua state: seed it apart from the others.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  if token then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
  if mode == "orders" then
    wrk.method = "POST"
    wrk.path = "/api/v1/orders"
    wrk.headers["Content-Type"] = "application/json"
  else
    if etag then
      wrk.headers["If-None-Match"] = etag
    end
  end
end

local function uuid4()
  local hex = "0123456789abcdef"
  local out = {}
  for i = 1, 36 do
    if i == 9 or i == 14 or i == 19 or i == 24 then
      out[i] = "-"
    elseif i == 15 then
      out[i] = "4"
    elseif i == 20 then
      local r = math.random(9, 12)  -- the variant nibble: 8, 9, a or b
      out[i] = hex:sub(r, r)
    else
      local r = math.random(1, 16)
      out[i] = hex:sub(r, r)
    end
  end
  return table.concat(out)
end

-- Orders only: with no `request` function, wrk builds a constant request once per thread (cheaper).
local function order_request()
  local picked, lines, total = {}, {}, 0
  while #lines < 3 do
    local p = products[math.random(1, #products)]
    if not picked[p[1]] then
      picked[p[1]] = true
      local qty = math.random(1, 3)
      total = total + qty * p[2]
      lines[#lines + 1] = string.format('{"product_id":%d,"quantity":%d,"unit_price":%d}', p[1], qty, p[2])
    end
  end
  local body = string.format(
    '{"id":"%s","store_id":%s,"lines":[%s],"total":%d,"created_at":"%s"}',
    uuid4(), store_id, table.concat(lines, ","), total, os.date("!%Y-%m-%dT%H:%M:%SZ")
  )
  return wrk.format(nil, nil, nil, body)
end

if mode == "orders" then
  request = order_request
end

function done(summary, latency, _requests)
  -- One line the bench parses: latency percentiles in ms, then completed and failed counts.
  io.write(string.format(
    "BENCH p50=%.3f p95=%.3f p99=%.3f seconds=%.3f requests=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.duration / 1e6, summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  ))
end
