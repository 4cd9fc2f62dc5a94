#!/usr/bin/env bash
# RedisClient throughput against redis-benchmark, same server, same connection count, same run.
#
#   scripts/bench-redis.sh [-c CONNECTIONS] [-n REQUESTS]     (defaults: -c 50 -n 100000)
#
# Starts a throwaway redis-server (requirepass, no persistence) on a free loopback port, builds
# Benchmarks/RedisBench in release mode, runs it (SET NX PX and GET on random keys, one command in
# flight per connection, like redis-benchmark without -P), then runs redis-benchmark with the same
# commands, and prints ops/s side by side with the ratio ours/redis-benchmark. A benchmark, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."

connections=50
requests=100000
while getopts "c:n:" flag; do
    case $flag in
        c) connections=$OPTARG ;;
        n) requests=$OPTARG ;;
        *) echo "usage: $0 [-c connections] [-n requests]" >&2; exit 2 ;;
    esac
done
for tool in redis-server redis-benchmark redis-cli python3; do
    command -v "$tool" >/dev/null || { echo "bench-redis: $tool not found on PATH (apt-get install redis-server)" >&2; exit 1; }
done

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password="bench-$RANDOM$RANDOM"
workdir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --requirepass "$password" --save "" --appendonly no \
    --dir "$workdir" --daemonize yes --pidfile "$workdir/redis.pid" --logfile "$workdir/redis.log"
cleanup() {
    [ -f "$workdir/redis.pid" ] && kill "$(cat "$workdir/redis.pid")" 2>/dev/null || true
    rm -rf "$workdir"
}
trap cleanup EXIT
for _ in $(seq 50); do
    REDISCLI_AUTH="$password" redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
done

echo "building RedisBench (release)..." >&2
swift build -c release --scratch-path .build-release --product RedisBench >&2
bench="$(swift build -c release --scratch-path .build-release --show-bin-path)/RedisBench"

echo "RedisClient: $connections connections, $requests requests per command..." >&2
ours=$(REDIS_BENCH_PASSWORD="$password" "$bench" --host 127.0.0.1 --port "$port" \
    --connections "$connections" --requests "$requests" --keyspace 100000)

echo "redis-benchmark: same server, same connections..." >&2
# The throwaway server's password is no secret; redis-benchmark only takes it on the command line.
reference() { redis-benchmark -h 127.0.0.1 -p "$port" -a "$password" -c "$connections" -n "$requests" -r 100000 -q --csv "$@" 2>/dev/null; }
ref_setnx=$(reference SET "ref:__rand_int__" xxx NX PX 60000 | awk -F'"' 'NR > 1 { print $4; exit }')
ref_getset=$(reference -t set,get)
ref_set=$(echo "$ref_getset" | awk -F'"' '$2 == "SET" { print $4 }')
ref_get=$(echo "$ref_getset" | awk -F'"' '$2 == "GET" { print $4 }')
our_setnx=$(echo "$ours" | awk -F'"' '$2 == "SET NX PX" { print $4 }')
our_get=$(echo "$ours" | awk -F'"' '$2 == "GET" { print $4 }')

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
echo
echo "redis $(redis-server --version | awk '{print $3}'), $(nproc) cores, $connections connections, $requests requests"
printf '%-12s %14s %18s %8s\n' command RedisClient redis-benchmark ratio
printf '%-12s %14.0f %18.0f %8s\n' "SET NX PX" "$our_setnx" "$ref_setnx" "$(ratio "$our_setnx" "$ref_setnx")"
printf '%-12s %14.0f %18.0f %8s\n' GET "$our_get" "$ref_get" "$(ratio "$our_get" "$ref_get")"
printf '%-12s %14s %18.0f %8s\n' "SET (plain)" - "$ref_set" -
