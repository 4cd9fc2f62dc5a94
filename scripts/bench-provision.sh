#!/usr/bin/env bash
# Effective parallelism of `tpsctl up`: with a fixed latency injected on every AWS call, how much
# of (calls x latency) the engine overlaps. A benchmark, not a test.
#
#   scripts/bench-provision.sh [-l LATENCY_MS] [-s STACK_FILE]      (defaults: -l 50 -s stacks/local.yaml)
#
# Needs the local AWS (scripts/testenv start; source .testenv/env). Runs, with its own access key
# id (the emulator scopes the latency fault and the request log to it) and a throwaway state dir:
#   1. `down` of the stack (start from empty), 2. `up --all-regions --to 03` from empty,
#   3. a no-op `up` (everything converged), 4. `down` again.
# Reports calls, wall time and (calls x latency) / wall for the first `up`; wall time and
# reads / mutations for the no-op one. Resource delays (NAT, RDS, Redis: /_tps/delays) are the
# emulator's current ones and count in the wall time, as AWS's waits would.
set -euo pipefail
cd "$(dirname "$0")/.."

latency_ms=50
stack=stacks/local.yaml
while getopts "l:s:" flag; do
    case $flag in
        l) latency_ms=$OPTARG ;;
        s) stack=$OPTARG ;;
        *) echo "usage: $0 [-l latency-ms] [-s stack-file]" >&2; exit 2 ;;
    esac
done
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
export AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=bench-not-a-secret AWS_EC2_METADATA_DISABLED=true
run() { "$tpsctl" "$1" --stack "$stack" --all-regions --to 03 --state-dir "$state" --endpoint-url "$endpoint" "${@:2}"; }
control() { curl -sf -X "$1" "$endpoint$2" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
cleanup() {
    control DELETE "/_tps/faults?accessKeyId=$key" >/dev/null || true
    run down --yes --force-unlock >/dev/null 2>&1 || true
    control DELETE "/_tps/requests?accessKeyId=$key" >/dev/null || true
    rm -rf "$state"
}
trap cleanup EXIT
counts() {  # total reads mutations, of this key's requests
    control GET "/_tps/requests?accessKeyId=$key" | python3 -c \
        'import json, sys; d = json.load(sys.stdin); print(len(d["requests"]), d["reads"], d["mutations"])'
}
now() { python3 -c 'import time; print(time.monotonic())'; }

echo "emptying $stack in the emulator..." >&2
run down --yes >/dev/null 2>&1 || { echo "bench-provision: the initial down failed" >&2; exit 1; }
control POST /_tps/faults "{\"kind\": \"latency\", \"latencyMs\": $latency_ms, \"accessKeyId\": \"$key\"}" >/dev/null
control DELETE "/_tps/requests?accessKeyId=$key" >/dev/null

echo "up from empty, $latency_ms ms on every call..." >&2
start=$(now); run up >/dev/null; end=$(now)
read -r calls reads mutations < <(counts)
up_wall=$(python3 -c "print(f'{$end - $start:.2f}')")
parallelism=$(python3 -c "print(f'{$calls * $latency_ms / 1000 / ($end - $start):.2f}')")

control DELETE "/_tps/requests?accessKeyId=$key" >/dev/null
echo "no-op up..." >&2
start=$(now); run up >/dev/null; end=$(now)
read -r noop_calls noop_reads noop_mutations < <(counts)
noop_wall=$(python3 -c "print(f'{$end - $start:.2f}')")

echo
echo "tpsctl up --all-regions --stack $stack --to 03 against the local AWS, $latency_ms ms latency per call, $(nproc) cores"
echo "delays (s): $(control GET /_tps/delays)"
printf '%-22s %8s %8s %8s %10s %12s\n' run calls reads mutations wall-s parallelism
printf '%-22s %8s %8s %8s %10s %12s\n' "up from empty" "$calls" "$reads" "$mutations" "$up_wall" "$parallelism"
printf '%-22s %8s %8s %8s %10s %12s\n' "no-op up" "$noop_calls" "$noop_reads" "$noop_mutations" "$noop_wall" \
    "$(python3 -c "print(f'{$noop_calls * $latency_ms / 1000 / $noop_wall:.2f}')")"
echo "parallelism = (calls x latency) / wall time"
