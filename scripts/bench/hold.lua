-- wrk script: POST /public/hold for one seat with an admitted room token (BENCH_ROOM_TOKEN,
-- BENCH_EVENT, BENCH_SEAT from the environment). The seat is held before the run, so every
-- request takes the contended path: token check, SET NX loses in Redis, 409 problem+json.
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["x-room-token"] = os.getenv("BENCH_ROOM_TOKEN")
wrk.body = string.format('{"eventId":"%s","seatId":"%s"}', os.getenv("BENCH_EVENT"), os.getenv("BENCH_SEAT"))

local threads = {}

function setup(thread) table.insert(threads, thread) end
function init(args) unexpected = 0 end

-- Anything but the expected 409 means the run measured something else: it is reported.
function response(status, headers, body)
  if status ~= 409 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("non-409 answers: %d\n", total))
end
