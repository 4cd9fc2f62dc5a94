# Sourced by the proxy benchmarks: latency at a fixed offered rate, with Benchmarks/RateBench
# (open loop: requests fall due at the rate whatever the server does, each latency counted from
# its due time; wrk waits for each answer, so it cannot hold a rate).
#
#   open_loop_build                      builds RateBench (release, .build-release), sets RATE_BENCH
#   open_loop URL RATE SECONDS CONNS     -> "achieved_rps p50_ms p99_ms failed" (failed: non-2xx,
#                                           dropped, or unanswered 5 s after the window)

open_loop_build() {
  swift build -c release --scratch-path .build-release --product RateBench >&2 || return 1
  RATE_BENCH="$(swift build -c release --scratch-path .build-release --show-bin-path)/RateBench"
}

open_loop() {
  "$RATE_BENCH" --url "$1" --rate "$2" --seconds "$3" --connections "$4" --warmup 2 | python3 -c '
import sys
words = dict(word.split("=", 1) for word in sys.stdin.read().split())
print(words["achieved"], words["p50_ms"], words["p99_ms"], int(words["errors"]) + int(words["unanswered"]))'
}
