-- wrk script for bench_http.py: POST /api/v1/chat with mixed questions across many sessions.
--   wrk -s benchmarks/wrk_chat.lua http://127.0.0.1:PORT -- QUESTIONS_FILE SESSIONS_PER_THREAD
-- QUESTIONS_FILE holds one JSON-encoded string a line, in conversation order. Session k walks the
-- list from its own offset one message per request, so consecutive lines (a question, then the
-- date or score it is asked for) form real multi-turn flows, and every session is at a different
-- point of a different flow.
local threads = {}
local counter = 1

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  questions = {}
  for line in io.lines(args[1]) do
    if #line > 0 then questions[#questions + 1] = line end
  end
  sessions = tonumber(args[2] or "500")
  counter = 0
end

function request()
  local session = counter % sessions
  local turn = math.floor(counter / sessions)
  counter = counter + 1
  local text = questions[(session * 17 + turn) % #questions + 1]
  local body = '{"session":"bench-' .. tid .. '-' .. session .. '","text":' .. text .. '}'
  return wrk.format("POST", "/api/v1/chat", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,' ..
    '"max_ms":%.3f,"mean_ms":%.3f,"errors_connect":%d,"errors_read":%d,"errors_write":%d,' ..
    '"errors_status":%d,"errors_timeout":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
