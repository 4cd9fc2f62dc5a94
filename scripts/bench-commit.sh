#!/usr/bin/env bash
# The commit path (issue 14), measured against references in the same run (a benchmark, not a test):
#   1. confirm-worker commits/s, one event, HTTP → SQS → PostgreSQL (confirm-api + 1 worker)
#        vs pgbench running the worker's statements (scripts/bench/worker-commit.pgbench.sql),
#        with 1 client (a single FIFO group's pace) and with the worker's 20 pool connections
#      and vs the local AWS's own ceiling (scripts/bench/local_aws_ceiling.py: the commits/s the
#      emulator alone answers at full batches), after 20 single commits timed hop by hop
#   4. commits/s through the local AWS, one event, WORKERS workers, the group key of today
#        (event + seat set) vs the old one (the event): the same commits, the same workers
#
#   scripts/bench-commit.sh [-n COMMITS] [-w WORKERS] [-d SECONDS]   (defaults: -n 1000 -w 4 -d 10)
#   BENCH_PERF=worker.perf.data scripts/bench-commit.sh    also records a CPU profile (perf, call
#                                  graphs) of the first worker during row 4 with today's key
#
# Needs only the local servers (scripts/testenv start): its own scratch database, queues
# (bench-commit-<run>-…) and seat-lock table, all removed at the end; a running `make demo` is
# not touched. Starts confirm-api and confirm-worker from a release build (.build-release) on
# free loopback ports. Every commit is valid (held seat, approved payment), so each one is a full
# worker transaction. Rates: (orders − 1) / (last order's created_at − first's), read from
# PostgreSQL, so process start-up is not counted. Secrets stay in the environment and files of
# mode 0600; nothing secret is printed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

commits=1000
workers=4
seconds=10
while getopts "n:w:d:" flag; do
  case $flag in
    n) commits=$OPTARG ;;
    w) workers=$OPTARG ;;
    d) seconds=$OPTARG ;;
    *) echo "usage: $0 [-n commits] [-w workers] [-d pgbench seconds]" >&2; exit 2 ;;
  esac
done
[[ $commits =~ ^[0-9]+$ && $commits -ge 10 && $commits -le 30000 ]] || { echo "bench-commit: -n: expected 10-30000, got $commits" >&2; exit 2; }
[[ $workers =~ ^[0-9]+$ && $workers -ge 1 && $workers -le 16 ]] || { echo "bench-commit: -w: expected 1-16, got $workers" >&2; exit 2; }
say() { printf 'bench-commit: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
for tool in psql pgbench curl python3 openssl; do
  command -v "$tool" >/dev/null || die "$tool not found (run: scripts/testenv deps)"
done
[[ -f .testenv/env ]] || die "no .testenv/env: start the local servers first (scripts/testenv start)"
# shellcheck disable=SC1091
source .testenv/env

read -r -a build_flags <<<"${BENCH_BUILD_FLAGS--c release --scratch-path .build-release}"
run="$(date +%H%M%S)$RANDOM"
prefix="bench-commit-$run"
scratch="tps_bench_commit_$run"
work="$(mktemp -d)"
chmod 700 "$work"
pids=()
stop_processes() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
cleanup() {
  stop_processes
  python3 scripts/bench/commit_path.py cleanup "$prefix" >/dev/null 2>&1 || true
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $scratch" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# PG* variables from TPS_DATABASE_URL: psql and pgbench never see the password in argv.
eval "$(python3 - "$TPS_DATABASE_URL" <<'PY'
import shlex, sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
for key, value in {"PGHOST": u.hostname, "PGPORT": u.port or 5432, "PGUSER": urllib.parse.unquote(u.username or ""),
                   "PGPASSWORD": urllib.parse.unquote(u.password or ""), "PGDATABASE": u.path.lstrip("/")}.items():
    print(f"export {key}={shlex.quote(str(value))}")
PY
)"
export PGDATABASE=$scratch

say "building confirm-api and confirm-worker (${build_flags[*]:-debug}; a first release build takes minutes)"
for product in confirm-api confirm-worker; do
  swift build "${build_flags[@]}" --product "$product" >"$work/build-$product.log" 2>&1 \
    || { tail -n 20 "$work/build-$product.log" >&2; die "swift build --product $product failed"; }
done
bin="$(swift build "${build_flags[@]}" --show-bin-path)"

# --- the scratch database: the schema, then 3 × COMMITS seats with what a commit finds -------------
hop_commits=20   # row 1's single commits, timed hop by hop
say "scratch database $scratch: $((3 * commits + hop_commits)) held seats, approved intents and payments"
psql -X -q -d postgres -c "CREATE DATABASE $scratch" >/dev/null
for migration in templates/db/0*.sql; do
  psql -X -q -v ON_ERROR_STOP=1 -f "$migration" >/dev/null
done
psql -X -q -v ON_ERROR_STOP=1 -v seats=$((3 * commits + hop_commits)) -f scripts/bench/worker-setup.sql >/dev/null 2>&1
approve="UPDATE payment_intents SET status = 'approved'; UPDATE payments SET status = 'approved'"
psql -X -q -v ON_ERROR_STOP=1 -c "$approve" >/dev/null
event=evt-b

python3 scripts/bench/commit_path.py table "$prefix-seat-locks" >/dev/null
database_url="${TPS_DATABASE_URL%/*}/$scratch"
[[ $database_url == *\?* ]] || database_url="$database_url?sslmode=disable"
(umask 077
 printf "ROOM_TOKEN_KEY='%s'\nPAYMENT_WEBHOOK_SECRET='%s'\n" "$(openssl rand -hex 32)" "$(openssl rand -hex 32)" >"$work/secrets")
# service_env QUEUE_URL → the environment file of a service of this run (mode 0600).
service_env() {
  (umask 077
   {
     printf "AWS_REGION=ap-northeast-1\nTPS_STACK=%s\nCOMMIT_QUEUE_URL='%s'\nSEAT_LOCK_TABLE='%s'\n" "$prefix" "$1" "$prefix-seat-locks"
     printf "REDIS_HOST='%s'\nREDIS_PORT='%s'\nREDIS_TLS=false\nREDIS_AUTH_TOKEN='%s'\n" \
       "$TPS_REDIS_HOST" "$TPS_REDIS_PORT" "$TPS_REDIS_PASSWORD"
     printf "DATABASE_URL='%s'\nAWS_ENDPOINT_URL='%s'\n" "$database_url" "$TPS_LOCAL_AWS_ENDPOINT"
     printf "AWS_ACCESS_KEY_ID=AKIDBENCHCOMMIT\nAWS_SECRET_ACCESS_KEY=bench-secret\nLOG_LEVEL=warning\n"
     printf "HOLD_TTL_SEC=300\nSALES_REGION=ap-northeast-1\n"
     cat "$work/secrets"
   } >"$work/service.env")
}
# start SERVICE: its pid in pids and its port in started_port, once its health check answers.
start() {
  local service=$1 port path
  port=$(free_port)
  started_port=$port
  (set -a; source "$work/service.env"; PORT=$port; set +a
   exec "$bin/$service" >>"$work/$service.log" 2>&1 </dev/null) &
  pids+=($!)
  path=/health
  [[ $service == confirm-api ]] && path=/confirm/health
  for _ in $(seq 100); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path") == 200 ]] && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -n 5 "$work/$service.log" >&2; die "$service exited"; }
    sleep 0.2
  done
  die "$service did not answer $path"
}

# --- row 4: the same commits, old group key vs today's, WORKERS workers ----------------------------
queue_run() {  # queue_run KEY FIRST: the wait result in queue_result
  local key=$1 first=$2 url
  url=$(field "$(python3 scripts/bench/commit_path.py queue "$prefix-$key")" url)
  python3 scripts/bench/commit_path.py enqueue "$url" "$event" "$first" "$commits" "$key" "$run-$key" >/dev/null
  service_env "$url"
  for _ in $(seq "$workers"); do start confirm-worker; done
  local perf_pid=""
  if [[ -n ${BENCH_PERF:-} && $key == new ]]; then
    perf record -F 499 -g -o "$BENCH_PERF" -p "${pids[0]}" >"$work/perf.log" 2>&1 &
    perf_pid=$!
  fi
  queue_result=$(python3 scripts/bench/commit_path.py wait "bench-$run-$key-c-" "$commits" 300)
  if [[ -n $perf_pid ]]; then
    kill -INT "$perf_pid" 2>/dev/null || true
    wait "$perf_pid" 2>/dev/null || true
    say "worker profile in $BENCH_PERF (perf report -i $BENCH_PERF --no-children)"
  fi
  stop_processes
}
say "row 4: $commits commits enqueued with the old group key (the event), $workers workers"
queue_run old 1
old=$queue_result
say "row 4: the same with today's group key (event + seat set)"
queue_run new $((commits + 1))
new=$queue_result

# --- row 1: HTTP → SQS → PostgreSQL with one worker, vs pgbench ------------------------------------
say "row 1: $commits commits through confirm-api, one worker"
url=$(field "$(python3 scripts/bench/commit_path.py queue "$prefix-http")" url)
service_env "$url"
start confirm-api
api_port=$started_port
start confirm-worker
say "row 1: $hop_commits single commits first, each timed hop by hop (idle worker)"
hops=$(set -a; source "$work/secrets"; set +a
       python3 scripts/bench/commit_path.py hops "http://127.0.0.1:$api_port" "$event" $((3 * commits + 1)) "$hop_commits" "$run-hops")
sent=$(set -a; source "$work/secrets"; set +a
       python3 scripts/bench/commit_path.py http "http://127.0.0.1:$api_port" "$event" $((2 * commits + 1)) "$commits" "$run-http")
http=$(python3 scripts/bench/commit_path.py wait "bench-$run-http-c-" "$commits" 300)
stop_processes
# From the first request sent to the last order decided.
http_rate=$(python3 -c '
import json, sys
sent, done = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(round(done["decided"] / (done["last"] - sent["started"]), 1))' "$sent" "$http")

say "the local AWS's own ceiling: SendMessage, ReceiveMessage, DeleteMessageBatch, DeleteItem per second"
ceiling=$(python3 scripts/bench/local_aws_ceiling.py --seconds 3 --wakeups 10) || die "the local AWS ceiling run failed"

say "pgbench: the worker's transaction, 1 and 20 clients, ${seconds}s each"
reference() {  # reference CLIENTS → tps
  local db="${scratch}_pgb$1"
  psql -X -q -d postgres -c "CREATE DATABASE $db" >/dev/null
  for migration in templates/db/0*.sql; do PGDATABASE=$db psql -X -q -v ON_ERROR_STOP=1 -f "$migration" >/dev/null; done
  PGDATABASE=$db psql -X -q -v ON_ERROR_STOP=1 -v seats=60000 -f scripts/bench/worker-setup.sql >/dev/null 2>&1
  # Migration 0002's trigger confirms an order only with an approved payment.
  PGDATABASE=$db psql -X -q -v ON_ERROR_STOP=1 -c "$approve" >/dev/null
  PGDATABASE=$db pgbench -n -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$seconds" -f scripts/bench/worker-commit.pgbench.sql 2>&1 \
    | awk '/^tps = / { print int($3) }'
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
}
pg1=$(reference 1)
pg20=$(reference 20)
[[ -n $pg1 && -n $pg20 ]] || die "pgbench reported no tps"

# --- report ----------------------------------------------------------------------------------------
python3 - "$old" "$new" "$http" "$http_rate" "$pg1" "$pg20" "$commits" "$workers" "${build_flags[*]:-debug}" "$hops" "$sent" "$ceiling" <<'PY'
import json, sys
old, new, http = (json.loads(a) for a in sys.argv[1:4])
http_rate, pg1, pg20 = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
commits, workers, build = sys.argv[7], sys.argv[8], sys.argv[9]
hops, sent, ceiling = json.loads(sys.argv[10]), json.loads(sys.argv[11]), json.loads(sys.argv[12])
print(f"\nbuild: {build}; {commits} commits per run, one event, loopback, same machine and run")
print(f"  1. confirm-worker, HTTP→SQS→PG, 1 worker   {http_rate:8.1f} commits/s ({http['confirmed']} of {http['decided']} confirmed)")
print(f"       vs pgbench same statements, 1 client  {pg1:8.0f} tx/s   ratio {http_rate / pg1:.2f}")
print(f"       vs pgbench same statements, 20 clients{pg20:8.0f} tx/s   ratio {http_rate / pg20:.2f}")
print(f"       (confirm-api accepted all {commits} in {sent['sendSeconds']} s: {int(commits) / sent['sendSeconds']:.0f}/s)")
print(f"       vs the local AWS alone, full batches  {ceiling['commitsPerSecond']:8.1f} commits/s   ratio {http_rate / ceiling['commitsPerSecond']:.2f}"
      f"   (calls/s: SendMessage {ceiling['sendPerSecond']}, ReceiveMessage {ceiling['receivePerSecond']},"
      f" DeleteMessageBatch {ceiling['deleteBatchPerSecond']}, DeleteItem {ceiling['deleteItemPerSecond']};"
      f" long-poll wake-up {ceiling['wakeUpMillisecondsMedian']} ms)")
print("     one commit on an idle worker, median ms per hop:")
for name, ms in hops.items():
    print(f"       {name:58s} {ms:7.1f}")
print(f"  4. through the local AWS, {workers} workers, group = event + seat set "
      f"{new['perSecond']:8.1f} commits/s ({new['confirmed']} of {new['decided']} confirmed)")
print(f"       vs the old group key (the event)         {old['perSecond']:8.1f} commits/s ({old['confirmed']} of {old['decided']} confirmed)"
      f"   ratio {new['perSecond'] / max(old['perSecond'], 0.1):.1f}")
PY
