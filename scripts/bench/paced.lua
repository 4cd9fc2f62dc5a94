-- wrk script: plain GETs, each connection pausing BENCH_DELAY_MS between requests, so the
-- offered load is a chosen share of the measured maximum (wrk itself is closed-loop).
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
function delay() return pause end
