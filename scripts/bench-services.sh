#!/usr/bin/env bash
# The services against reference servers on the same machine, in the same run (a benchmark, not
# a test): with wrk on loopback at the same connection count,
#   GET /public/summary (in-process cache hit)  vs  nginx serving the same JSON bytes as a file
#   POST /public/hold (seat taken: SET NX loses) vs  redis-benchmark SET NX PX
#   the hold's PostgreSQL write (pgbench)        vs  redis-benchmark SET NX PX (what a won hold adds)
#   seat-lock PutItems/s, warmed table           vs  a new on-demand table (the local AWS's ceiling)
# plus each endpoint's p99 in an open loop (Benchmarks/RateBench: requests fall due at a fixed rate,
# each latency counted from its due time) at 70 % of that endpoint's wrk maximum of this run.
# confirm-worker's commits/s against pgbench is scripts/bench-commit.sh's row 1: there every commit
# is valid and paid (a held seat, an approved payment), as the purchase rules require.
#
#   scripts/bench-services.sh [-c CONNECTIONS] [-d SECONDS]     (defaults: -c 64 -d 10)
#
# Needs the local servers, stages 00-03 and the seed (make demo does all three). Starts its own
# release build of the services on ports 18080-18082 (DEMO_NAME=bench, beside a running demo)
# and stops them at the end, with its own seat-lock table (BENCH_SEAT_LOCK_TABLE, default
# tps-bench-seat-locks, created on demand in the local AWS and kept for the next run), so it
# works whatever state the demo's stack is in. Secrets stay in the environment; nothing secret is printed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

connections=64
seconds=10
while getopts "c:d:" flag; do
  case $flag in
    c) connections=$OPTARG ;;
    d) seconds=$OPTARG ;;
    *) echo "usage: $0 [-c connections] [-d seconds]" >&2; exit 2 ;;
  esac
done
say() { printf 'bench-services: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
for tool in wrk nginx redis-server redis-benchmark curl python3; do
  command -v "$tool" >/dev/null || die "$tool not found (run: scripts/testenv deps)"
done
[[ -f .testenv/env ]] || die "no .testenv/env: start the local servers first (make demo, or scripts/testenv start)"
# shellcheck disable=SC1091
source .testenv/env

# BENCH_BUILD_FLAGS="" benchmarks the debug build instead (quick look; figures not comparable).
export DEMO_NAME=bench DEMO_BUILD_FLAGS="${BENCH_BUILD_FLAGS--c release --scratch-path .build-release}"
export DEMO_PUBLIC_PORT="${BENCH_PUBLIC_PORT:-18080}" DEMO_CONFIRM_PORT="${BENCH_CONFIRM_PORT:-18081}"
export DEMO_WORKER_PORT="${BENCH_WORKER_PORT:-18082}"
export DEMO_SERVICES="${BENCH_SERVICES:-public-api}"
PUBLIC="http://127.0.0.1:$DEMO_PUBLIC_PORT"
EVENT=evt-0001
SECTION=S01
work="$(mktemp -d)"
chmod 755 "$work"
cleanup() {
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [[ -f $work/redis.pid ]] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  scripts/demo-services stop || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The benchmark's own seat-lock table, as stage 03 makes it (on demand, key seatKey, TTL expiresAt).
export DEMO_SEAT_LOCK_TABLE="${BENCH_SEAT_LOCK_TABLE:-tps-bench-seat-locks}"
python3 - "$DEMO_SEAT_LOCK_TABLE" <<'PY' || die "could not create or find the seat-lock table $DEMO_SEAT_LOCK_TABLE"
import os, sys, time
import boto3
name = sys.argv[1]
dynamodb = boto3.client("dynamodb", endpoint_url=os.environ["TPS_LOCAL_AWS_ENDPOINT"], region_name="ap-northeast-1")
try:
    status = dynamodb.describe_table(TableName=name)["Table"]["TableStatus"]
except dynamodb.exceptions.ResourceNotFoundException:
    dynamodb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                          AttributeDefinitions=[{"AttributeName": "seatKey", "AttributeType": "S"}],
                          KeySchema=[{"AttributeName": "seatKey", "KeyType": "HASH"}])
    dynamodb.update_time_to_live(TableName=name, TimeToLiveSpecification={"AttributeName": "expiresAt", "Enabled": True})
    status = "CREATING"
for _ in range(100):
    if status == "ACTIVE":
        break
    time.sleep(0.2)
    status = dynamodb.describe_table(TableName=name)["Table"]["TableStatus"]
else:
    sys.exit(f"{name} is {status}, not ACTIVE")
PY

say "starting the services (${DEMO_BUILD_FLAGS:-debug} build; a first release build takes minutes)"
scripts/demo-services start ap-northeast-1

# wrk_run NAME URL [wrk args...] → "<req/s> <p99 ms> <mean ms>" on stdout; wrk's report in $work/NAME.txt.
wrk_run() {
  local name=$1 url=$2
  shift 2
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "$url" >"$work/$name.txt" 2>&1 \
    || { cat "$work/$name.txt" >&2; die "wrk $name failed"; }
  python3 - "$work/$name.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
mean = re.search(r"^\s+Latency\s+([\d.]+)(us|ms|s|m)", text, re.M)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", text)
print(f"{rps:.0f} {ms(*p99.groups()):.2f} {ms(*mean.groups()):.2f}")
PY
}

# open_loop URL MAX_RPS [RateBench flags...] → "<achieved req/s> <p99 ms> <failed>" at 70 % of MAX_RPS
# (failed: errors or unanswered; wrk is closed-loop and cannot hold a rate). Shared with the proxy benchmarks.
open_loop() {
  local url=$1 rate
  rate=$(python3 -c "import sys; print(round(0.7 * float(sys.argv[1])))" "$2")
  shift 2
  read -r achieved _ p99 failed < <(proxy_compare_open_loop "$url" "$rate" "$seconds" "$connections" "$@")
  echo "$achieved $p99 $failed"
}
# shellcheck source=scripts/bench/proxy-compare.sh
source scripts/bench/proxy-compare.sh
swift build -c release --scratch-path .build-release --product RateBench >"$work/ratebench-build.log" 2>&1 \
  || { tail -n 20 "$work/ratebench-build.log" >&2; die "cannot build Benchmarks/RateBench"; }
RATE_BENCH="$(swift build -c release --scratch-path .build-release --show-bin-path)/RateBench"

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
share() { python3 -c "print(f'{100 * $1 / $2:.0f}%')"; }

# --- GET summary vs nginx -----------------------------------------------------------------------
summary_path="/public/summary/$EVENT/$SECTION"
curl -sf "$PUBLIC$summary_path" >"$work/summary.json" || die "GET $summary_path failed"
curl -sf "$PUBLIC$summary_path" >/dev/null   # the in-process cache now holds it
nginx_port=$(free_port)
mkdir -p "$work/nginx-temp"
cat >"$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  # Keep-alive connections as long as the services' (RateBench does not reconnect).
  keepalive_requests 100000000;
  client_body_temp_path $work/nginx-temp;
  server {
    listen 127.0.0.1:$nginx_port;
    location = $summary_path { default_type application/json; alias $work/summary.json; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work" || die "nginx did not start (see $work/nginx-error.log)"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nginx_port$summary_path" >/dev/null && break; sleep 0.1; done

say "GET summary: public-api, then nginx ($connections connections, ${seconds}s each)"
read -r summary_rps summary_p99 _ < <(wrk_run summary "$PUBLIC$summary_path")
read -r nginx_rps nginx_p99 _ < <(wrk_run nginx "http://127.0.0.1:$nginx_port$summary_path")
say "nginx: open loop at 70 % of $nginx_rps req/s (what the machine allows a static server)"
read -r nginx70_rps nginx70_p99 nginx70_failed < <(open_loop "http://127.0.0.1:$nginx_port$summary_path" "$nginx_rps")
say "GET summary: open loop at 70 % of $summary_rps req/s"
read -r summary70_rps summary70_p99 summary70_failed < <(open_loop "$PUBLIC$summary_path" "$summary_rps")

# --- POST hold vs redis-benchmark SET NX ----------------------------------------------------------
entered=$(curl -sf -H 'content-type: application/json' \
  -d "{\"userId\":\"bench-$RANDOM$RANDOM\",\"eventId\":\"$EVENT\"}" "$PUBLIC/public/enter") || die "POST /public/enter failed"
BENCH_ROOM_TOKEN=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["roomToken"])' "$entered")
export BENCH_ROOM_TOKEN BENCH_EVENT=$EVENT
sleep 1   # admission: a fresh position is ready within a second locally
BENCH_SEAT=$(curl -sf "$PUBLIC/public/seats/$EVENT" | python3 -c '
import json, sys
seats = [s["seatId"] for s in json.load(sys.stdin)["seats"] if s["state"] == "available"]
print(seats[0] if seats else "")')
[[ -n $BENCH_SEAT ]] || die "no available seat in $EVENT (re-seed: tpsctl db-init)"
export BENCH_SEAT
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' -H "x-room-token: $BENCH_ROOM_TOKEN" \
  -d "{\"eventId\":\"$EVENT\",\"seatId\":\"$BENCH_SEAT\"}" "$PUBLIC/public/hold")
[[ $status == 201 ]] || die "the first hold of $BENCH_SEAT answered $status, expected 201"

say "POST hold (taken seat, 409): public-api"
read -r hold_rps hold_p99 _ < <(wrk_run hold "$PUBLIC/public/hold" -s scripts/bench/hold.lua)
grep -q "non-409 answers: 0$" "$work/hold.txt" || { cat "$work/hold.txt" >&2; die "hold run saw answers other than 409"; }
say "POST hold: open loop at 70 % of $hold_rps req/s (409 expected)"
read -r hold70_rps hold70_p99 hold70_failed < <(open_loop "$PUBLIC/public/hold" "$hold_rps" --method POST \
  --header content-type:application/json --header-env x-room-token=BENCH_ROOM_TOKEN --expect 409 \
  --body "{\"eventId\":\"$EVENT\",\"seatId\":\"$BENCH_SEAT\"}")

# redis-benchmark only takes a password on its command line: give it a throwaway server (same
# redis-server binary, loopback) instead of exposing the test server's password in argv.
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
  --daemonize yes --pidfile "$work/redis.pid" --logfile "$work/redis.log" >/dev/null
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
say "redis-benchmark SET NX PX ($connections connections)"
setnx_rps=$(redis-benchmark -h 127.0.0.1 -p "$redis_port" -c "$connections" -n $((connections * 3000)) -r 1000000 \
  -q --csv SET "bench:__rand_int__" x NX PX 60000 2>/dev/null | awk -F'"' 'NR > 1 { print $4; exit }')

# PG* variables from TPS_DATABASE_URL: psql and pgbench then never see the password in argv.
eval "$(python3 - "$TPS_DATABASE_URL" <<'PY'
import shlex, sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
for key, value in {"PGHOST": u.hostname, "PGPORT": u.port or 5432, "PGUSER": urllib.parse.unquote(u.username or ""),
                   "PGPASSWORD": urllib.parse.unquote(u.password or ""), "PGDATABASE": u.path.lstrip("/")}.items():
    print(f"export {key}={shlex.quote(str(value))}")
PY
)"

# --- the hold's PostgreSQL write, alone (what a won hold adds to SET NX) ------------------------------
# pgbench running recordHold's statements (scripts/bench/hold-record.pgbench.sql) at the same
# connections in a scratch database: the measure behind keeping or moving that write (README).
hold_scratch="tps_bench_hold_$RANDOM"
psql -X -q -d postgres -c "CREATE DATABASE $hold_scratch" >/dev/null
PGDATABASE=$hold_scratch psql -X -q -v ON_ERROR_STOP=1 -f templates/db/0001_schema.sql >/dev/null
PGDATABASE=$hold_scratch psql -X -q -v ON_ERROR_STOP=1 -v seats=30000 -f scripts/bench/hold-setup.sql >/dev/null 2>&1
say "pgbench: the hold's PostgreSQL transaction, $connections clients, ${seconds}s"
read -r hold_pg_tps hold_pg_ms < <(PGDATABASE=$hold_scratch pgbench -n -c "$connections" -j 2 -T "$seconds" -D seats=30000 \
  -f scripts/bench/hold-record.pgbench.sql 2>&1 | awk '/^latency average/ { ms = $4 } /^tps = / { tps = int($3) } END { print tps, ms }')
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $hold_scratch" >/dev/null 2>&1 || true
[[ -n $hold_pg_tps ]] || die "pgbench (hold write) reported no tps"

# --- the seat-lock table's write ceiling in the local AWS, before/after warm throughput --------------
say "DynamoDB: conditional PutItems on a new on-demand table, then warmed for 10,000 holds/s (scale 0.005)"
ceiling_json=$(python3 scripts/bench/dynamodb_ceiling.py --scale 0.005 --seconds 3 --holds 10000) \
  || die "the DynamoDB ceiling run failed"
read -r ceiling_new ceiling_warm ceiling_ratio < <(python3 -c '
import json, sys; r = json.loads(sys.argv[1]); print(r["newTable"]["accepted"], r["warmed"]["accepted"], r["ratio"])' "$ceiling_json")

# --- report ---------------------------------------------------------------------------------------
echo
echo "build: ${DEMO_BUILD_FLAGS:-debug}"
echo "services vs references, $connections connections, ${seconds}s runs, loopback, same machine and run:"
printf '  %-38s %10s req/s  p99 %7s ms   vs %-26s %10s req/s  ratio %s\n' \
  "GET summary (cache hit)" "$summary_rps" "$summary_p99" "nginx static file" "$nginx_rps" "$(ratio "$summary_rps" "$nginx_rps")"
printf '  %-38s %10s req/s  p99 %7s ms   vs %-26s %10.0f req/s  ratio %s\n' \
  "POST hold (seat taken: SET NX loses)" "$hold_rps" "$hold_p99" "redis-benchmark SET NX PX" "$setnx_rps" "$(ratio "$hold_rps" "$setnx_rps")"
printf '  %-38s %10s tx/s   avg %7s ms   vs %-26s %10.0f req/s  ratio %s\n' \
  "hold's PostgreSQL write (pgbench)" "$hold_pg_tps" "$hold_pg_ms" "redis-benchmark SET NX PX" "$setnx_rps" "$(ratio "$hold_pg_tps" "$setnx_rps")"
printf '  %-38s %10s writes/s   vs %-26s %10s writes/s  ratio %s (x 1/0.005 for AWS units)\n' \
  "seat locks, warmed for 10k holds/s" "$ceiling_warm" "a new on-demand table" "$ceiling_new" "$ceiling_ratio"
echo "p99 in an open loop at 70 % of max (RateBench, $connections connections; goal <= 5 ms):"
printf '  %-38s %10s req/s (%s of max)  p99 %s ms  failed %s\n' "GET summary" "$summary70_rps" "$(share "$summary70_rps" "$summary_rps")" "$summary70_p99" "$summary70_failed"
printf '  %-38s %10s req/s (%s of max)  p99 %s ms  failed %s\n' "POST hold" "$hold70_rps" "$(share "$hold70_rps" "$hold_rps")" "$hold70_p99" "$hold70_failed"
printf '  %-38s %10s req/s (%s of max)  p99 %s ms  failed %s   (the reference)\n' "nginx, the same bytes" "$nginx70_rps" "$(share "$nginx70_rps" "$nginx_rps")" "$nginx70_p99" "$nginx70_failed"
echo "nginx p99 at max: $nginx_p99 ms"
