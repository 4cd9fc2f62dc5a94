# Sourced by the proxy benchmarks (bench-alb.sh, bench-cloudfront.sh): one path hit directly and
# through a proxy, in the same run.
#   1. closed loop (wrk): the maximum requests/s and p99 of each, and their ratio;
#   2. open loop at 70 % of the lower maximum (Benchmarks/RateBench: requests fall due at the
#      rate whatever the server does, each latency counted from its due time; wrk waits for each
#      answer, so it cannot hold a rate), and the p99 the proxy adds. One pair of runs is not a
#      measurement: on a 2-core host a single stall of the task (tens of ms) moves a 10-s p99 by
#      more than the proxy could add, in either run. So the open loop runs PROXY_COMPARE_ROUNDS
#      pairs (default 3), alternating which side goes first, and reports each side's median p50
#      and p99 and the medians of the paired differences; each round is listed above them.
#
#   proxy_compare DIRECT_URL PROXY_URL PROXY_LABEL RATIO_NAME CONNECTIONS SECONDS
#       PROXY_LABEL names the proxied row ("through the local ALB"), RATIO_NAME the proxy in the
#       ratio line ("ALB"); prints the table. Needs `say` and `die` from the caller.
#   RATE_BENCH: a built RateBench to use (default: built here in release, .build-release).
#   PROXY_COMPARE_CLIENT: an optional command prefix for the load generators (wrk, RateBench),
#       e.g. `taskset -c 1` (bench-alb.sh's CPU placement).
#   PROXY_HEADER_NAME / PROXY_HEADER_VALUE: an optional header both load generators send on
#       every request, direct and proxied alike (bench-alb.sh: the ALB's origin header); the
#       value is taken from the environment, never from argv.

proxy_compare_wrk() {  # url connections seconds -> "requests/s p99_ms"
  ${PROXY_COMPARE_CLIENT:-} wrk -t2 -c"$2" -d"${3}s" --latency -s "$(dirname "${BASH_SOURCE[0]}")/header-from-env.lua" "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { p = $2; if (p ~ /us$/) { sub(/us$/, "", p); p /= 1000 } else if (p ~ /ms$/) { sub(/ms$/, "", p) } else if (p ~ /s$/) { sub(/s$/, "", p); p *= 1000 }; p99 = p }
    END { printf "%s %s\n", rps, p99 }'
}

proxy_compare_open_loop() {  # url rate seconds connections [RateBench flags] -> "achieved_rps p50_ms p99_ms failed"
  # failed: non-2xx (or not --expect), dropped, or unanswered 5 s after the window
  local header=()
  [[ -n ${PROXY_HEADER_NAME:-} ]] && header=(--header-env "$PROXY_HEADER_NAME=PROXY_HEADER_VALUE")
  ${PROXY_COMPARE_CLIENT:-} "$RATE_BENCH" --url "$1" --rate "$2" --seconds "$3" --connections "$4" --warmup 2 "${header[@]}" "${@:5}" | python3 -c '
import sys
words = dict(word.split("=", 1) for word in sys.stdin.read().split())
print(words["achieved"], words["p50_ms"], words["p99_ms"], int(words["errors"]) + int(words["unanswered"]))'
}

proxy_compare() {
  local direct=$1 proxied=$2 label=$3 name=$4 connections=$5 seconds=$6
  local direct_rps direct_p99 proxy_rps proxy_p99 rate
  local d_rps d_p50 d_p99 d_failed p_rps p_p50 p_p99 p_failed
  say "direct: wrk -c $connections -d ${seconds}s $direct"
  read -r direct_rps direct_p99 < <(proxy_compare_wrk "$direct" "$connections" "$seconds")
  say "$label: wrk -c $connections -d ${seconds}s $proxied"
  read -r proxy_rps proxy_p99 < <(proxy_compare_wrk "$proxied" "$connections" "$seconds")

  if [[ -z ${RATE_BENCH:-} ]]; then
    swift build -c release --scratch-path .build-release --product RateBench >&2 || die "cannot build Benchmarks/RateBench"
    RATE_BENCH="$(swift build -c release --scratch-path .build-release --show-bin-path)/RateBench"
  fi
  rate=$(python3 -c "import sys; print(round(0.7 * min(float(sys.argv[1]), float(sys.argv[2]))))" "$direct_rps" "$proxy_rps")
  local rounds=${PROXY_COMPARE_ROUNDS:-3} round results=()
  [[ $rounds =~ ^[1-9][0-9]*$ ]] || die "PROXY_COMPARE_ROUNDS must be a positive number, not '$rounds'"
  say "open loop at $rate requests/s (70 % of the lower maximum) for ${seconds}s, $connections connections: $rounds rounds of direct and $label, alternating which goes first"
  for ((round = 1; round <= rounds; round++)); do
    if ((round % 2)); then
      read -r d_rps d_p50 d_p99 d_failed < <(proxy_compare_open_loop "$direct" "$rate" "$seconds" "$connections")
      read -r p_rps p_p50 p_p99 p_failed < <(proxy_compare_open_loop "$proxied" "$rate" "$seconds" "$connections")
    else
      read -r p_rps p_p50 p_p99 p_failed < <(proxy_compare_open_loop "$proxied" "$rate" "$seconds" "$connections")
      read -r d_rps d_p50 d_p99 d_failed < <(proxy_compare_open_loop "$direct" "$rate" "$seconds" "$connections")
    fi
    results+=("$d_rps,$d_p50,$d_p99,$d_failed,$p_rps,$p_p50,$p_p99,$p_failed")
  done

  python3 - "$direct" "$label" "$name" "$direct_rps" "$direct_p99" "$proxy_rps" "$proxy_p99" "$rate" "${results[@]}" <<'PY'
import statistics, sys
from urllib.parse import urlsplit
path = urlsplit(sys.argv[1]).path
label, name = sys.argv[2], sys.argv[3]
direct_rps, direct_p99, proxy_rps, proxy_p99, rate = map(float, sys.argv[4:9])
rounds = [list(map(float, r.split(","))) for r in sys.argv[9:]]
print(f"{'GET ' + path + ' (wrk, closed loop)':<48}{'requests/s':>12}{'p99 ms':>10}")
print(f"{'  direct to the task':<48}{direct_rps:>12.0f}{direct_p99:>10.2f}")
print(f"{'  ' + label:<48}{proxy_rps:>12.0f}{proxy_p99:>10.2f}")
print(f"ratio {name}/direct: {proxy_rps / direct_rps:.2f}")
print(f"{'open loop at %.0f requests/s (70 %% of max)' % rate:<48}{'achieved':>12}{'p50 ms':>10}{'p99 ms':>10}{'failed':>8}")
for number, (d_rps, d_p50, d_p99, d_failed, p_rps, p_p50, p_p99, p_failed) in enumerate(rounds, 1):
    print(f"{'  round %d: direct to the task' % number:<48}{d_rps:>12.0f}{d_p50:>10.2f}{d_p99:>10.2f}{d_failed:>8.0f}")
    print(f"{'  round %d: %s' % (number, label):<48}{p_rps:>12.0f}{p_p50:>10.2f}{p_p99:>10.2f}{p_failed:>8.0f}")
median = statistics.median
print(f"{'  median, direct to the task':<48}{'':>12}{median(r[1] for r in rounds):>10.2f}{median(r[2] for r in rounds):>10.2f}")
print(f"{'  median, ' + label:<48}{'':>12}{median(r[5] for r in rounds):>10.2f}{median(r[6] for r in rounds):>10.2f}")
print(f"p50 added by the {name} at 70 % of max (median of {len(rounds)} paired rounds): {median(r[5] - r[1] for r in rounds):+.2f} ms")
print(f"p99 added by the {name} at 70 % of max (median of {len(rounds)} paired rounds): {median(r[6] - r[2] for r in rounds):+.2f} ms")
PY
}
