-- wrk script for bench/http_load.py: one GET path, or the mixed 90/10 read/write profile.
-- Settings come from the environment (wrk passes no arguments to a script's threads):
--   BENCH_PATHS   comma-separated GET paths (one: a plain endpoint run)
--   BENCH_TOKENS  comma-separated bearer tokens ("-" = anonymous); each request picks one
--   BENCH_WRITES  "1" = mixed profile: 10% writes (likes, unlikes, comments) on BENCH_POSTS
--   BENCH_REVALIDATE "1" = a browser keeping its copy: a fixed CSRF cookie, If-None-Match with the last ETag
-- Counts 5xx answers and other failures per thread and prints them in done().

local function split(s)
  local out = {}
  for part in string.gmatch(s or "", "([^,]+)") do
    table.insert(out, part)
  end
  return out
end

local paths = split(os.getenv("BENCH_PATHS"))
local tokens = split(os.getenv("BENCH_TOKENS") or "-")
local posts = split(os.getenv("BENCH_POSTS") or "")
local writes = os.getenv("BENCH_WRITES") == "1"
local revalidate = os.getenv("BENCH_REVALIDATE") == "1"
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  status5xx = 0
  other_fail = 0
  not_modified = 0
  wrote = 0
  etag = nil
  math.randomseed(id * 7919)
end

local function headers_for(token)
  local h = {}
  if token ~= "-" then
    h["Authorization"] = "Bearer " .. token
  end
  if revalidate then
    h["Cookie"] = "nook_csrf=bench-browser-" .. id
    if etag then
      h["If-None-Match"] = etag
    end
  end
  return h
end

function request()
  counter = counter + 1
  local token = tokens[math.random(#tokens)]
  local h = headers_for(token)
  if writes and token ~= "-" and #posts > 0 and math.random(100) <= 10 then
    wrote = wrote + 1
    local post = posts[math.random(#posts)]
    local roll = math.random(10)
    if roll <= 4 then
      return wrk.format("POST", "/api/v1/posts/" .. post .. "/like", h)
    elseif roll <= 6 then
      return wrk.format("DELETE", "/api/v1/posts/" .. post .. "/like", h)
    end
    h["Content-Type"] = "application/json"
    local body = string.format('{"body": "压测评论 %d-%d：这张照片拍得真好，周末一起去吗？"}', id, counter)
    return wrk.format("POST", "/api/v1/posts/" .. post .. "/comments", h, body)
  end
  return wrk.format("GET", paths[math.random(#paths)], h)
end

function response(status, headers, body)
  if revalidate then
    etag = headers["etag"] or headers["ETag"] or etag
  end
  if status == 304 then
    not_modified = not_modified + 1
  end
  if status >= 500 then
    status5xx = status5xx + 1
  elseif status >= 400 then
    other_fail = other_fail + 1
  end
end

function done(summary, latency, requests)
  local s5, other, w, s304 = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    s5 = s5 + thread:get("status5xx")
    other = other + thread:get("other_fail")
    w = w + thread:get("wrote")
    s304 = s304 + thread:get("not_modified")
  end
  io.write(string.format("BENCH status5xx=%d status4xx=%d writes=%d p50_us=%d p99_us=%d status304=%d\n",
    s5, other, w, latency:percentile(50), latency:percentile(99), s304))
end
