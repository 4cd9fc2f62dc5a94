#!/usr/bin/env bash
# Effective parallelism of `tpsctl up`: with a fixed latency injected on every AWS call, how much
# of (calls x latency) the engine overlaps. A benchmark, not a test.
#
#   scripts/bench-provision.sh [-l LATENCY_MS] [-s STACK_FILE] [-i IMAGES_DIR]
#       (defaults: -l 50 -s stacks/local.yaml -i infra/out/images, where `tpsctl build` leaves them)
#
# Stage 01 pushes the services' built images (to TPS_REGISTRY_URL locally), so build them once
# first (`tpsctl build`); the throwaway state dir links IMAGES_DIR as its images directory.
# Needs the local AWS (scripts/testenv start; source .testenv/env). Runs its own stack — STACK_FILE
# renamed `tps-bench` and without `local.databaseURL`/`local.redisURL` (and their CAs), so its `down` never
# touches a running demo's stack, PostgreSQL or Redis — with its own access key id (the emulator
# scopes the latency fault and the request log to it) and a throwaway state dir,
# each of these twice, first without then with the latency on every call:
#   `up --all-regions --to 03` from empty, then a no-op `up` (everything converged), then `down`.
# Reports calls, reads / mutations, wall time and two ratios:
#   parallelism = (calls x latency) / wall with latency         (what the issue asks for; the wall
#                 includes the emulator's own time and its resource delays: NAT, RDS, Redis)
#   overlap     = (calls x latency) / (wall with - wall without) (how much of the injected latency
#                 the engine overlapped: 1 = fully serial)
set -euo pipefail
cd "$(dirname "$0")/.."

latency_ms=50
stack=stacks/local.yaml
images=infra/out/images
while getopts "l:s:i:" flag; do
    case $flag in
        l) latency_ms=$OPTARG ;;
        s) stack=$OPTARG ;;
        i) images=$OPTARG ;;
        *) echo "usage: $0 [-l latency-ms] [-s stack-file] [-i images-dir]" >&2; exit 2 ;;
    esac
done
if [ ! -d "$images" ]; then
    echo "bench-provision: no built images in $images: run tpsctl build first (or pass -i DIR)" >&2
    exit 1
fi
images=$(cd "$images" && pwd)
endpoint=${TPS_LOCAL_AWS_ENDPOINT:-}
if [ -z "$endpoint" ]; then
    echo "bench-provision: TPS_LOCAL_AWS_ENDPOINT is not set: scripts/testenv start, then source .testenv/env" >&2
    exit 1
fi
curl -sf "$endpoint/_tps/health" >/dev/null || { echo "bench-provision: no local AWS at $endpoint" >&2; exit 1; }

echo "building tpsctl..." >&2
swift build --product tpsctl >&2
tpsctl="$(swift build --show-bin-path)/tpsctl"

key="AKIABENCH$(date +%s)"
state=$(mktemp -d)
ln -s "$images" "$state/images"
# The benchmark's own stack: another name (so other resources), no local data stores to erase.
bench_stack="$state/bench-stack.yaml"
sed -E -e "s/^stack: .*/stack: tps-bench/" -e '/^  (databaseURL|redisURL|databaseCA|redisCA):/d' "$stack" >"$bench_stack"
grep -q "^stack: tps-bench$" "$bench_stack" || { echo "bench-provision: $stack has no top-level 'stack:' line" >&2; exit 1; }
stack_label=$stack
stack=$bench_stack
export AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=bench-not-a-secret AWS_EC2_METADATA_DISABLED=true
run() { "$tpsctl" "$1" --stack "$stack" --all-regions --to 03 --state-dir "$state" --endpoint-url "$endpoint" "${@:2}"; }
control() { curl -sf -X "$1" "$endpoint$2" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
cleanup() {
    control DELETE "/_tps/faults?accessKeyId=$key" >/dev/null || true
    run down --yes --force-unlock >/dev/null 2>&1 || true
    control DELETE "/_tps/requests?accessKeyId=$key" >/dev/null || true
    rm -rf "$state" "$state.log"
}
trap cleanup EXIT
counts() {  # total reads mutations, of this key's requests
    control GET "/_tps/requests?accessKeyId=$key" | python3 -c \
        'import json, sys; d = json.load(sys.stdin); print(len(d["requests"]), d["reads"], d["mutations"])'
}
now() { python3 -c 'import time; print(time.monotonic())'; }

# One `tpsctl` run, timed; prints "calls reads mutations wall-seconds".
measure() {
    control DELETE "/_tps/requests?accessKeyId=$key" >/dev/null
    local start end
    start=$(now)
    run "$@" >"$state.log" 2>&1 || { echo "bench-provision: tpsctl $1 failed:" >&2; grep -v ': \(created\|unchanged\|deleted\|waiting\)' "$state.log" >&2; exit 1; }
    end=$(now)
    echo "$(counts) $(python3 -c "print(f'{$end - $start:.2f}')")"
}

echo "emptying tps-bench (the benchmark's own stack) of an interrupted run's leftovers..." >&2
run down --yes >/dev/null 2>&1 || { echo "bench-provision: the initial down failed" >&2; exit 1; }
echo "without latency: up from empty, no-op up, down..." >&2
read -r _ _ _ base_up_wall < <(measure up)
read -r _ _ _ base_noop_wall < <(measure up)
measure down --yes >/dev/null
control POST /_tps/faults "{\"kind\": \"latency\", \"latencyMs\": $latency_ms, \"accessKeyId\": \"$key\"}" >/dev/null
echo "with $latency_ms ms on every call: up from empty, no-op up..." >&2
read -r calls reads mutations up_wall < <(measure up)
read -r noop_calls noop_reads noop_mutations noop_wall < <(measure up)
ratio() { python3 -c "print(f'{$1 * $latency_ms / 1000 / ($2):.2f}')"; }

echo
echo "tpsctl up --all-regions --stack $stack_label (as tps-bench) --to 03 against the local AWS, $latency_ms ms latency per call, $(nproc) cores"
echo "delays (s): $(control GET /_tps/delays)"
printf '%-16s %6s %6s %9s %10s %13s %12s %8s\n' run calls reads mutations wall-s wall-no-lat-s parallelism overlap
printf '%-16s %6s %6s %9s %10s %13s %12s %8s\n' "up from empty" "$calls" "$reads" "$mutations" "$up_wall" \
    "$base_up_wall" "$(ratio "$calls" "$up_wall")" "$(ratio "$calls" "$up_wall - $base_up_wall")"
printf '%-16s %6s %6s %9s %10s %13s %12s %8s\n' "no-op up" "$noop_calls" "$noop_reads" "$noop_mutations" \
    "$noop_wall" "$base_noop_wall" "$(ratio "$noop_calls" "$noop_wall")" "$(ratio "$noop_calls" "$noop_wall - $base_noop_wall")"
echo "parallelism = (calls x latency) / wall; overlap = (calls x latency) / (wall - wall without latency)"
