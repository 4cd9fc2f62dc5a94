#!/usr/bin/env bash
# The local ALB data plane against the task it forwards to, same machine, same run (a benchmark,
# not a test): wrk GET /public/summary/<event>/<section> (the seed's hot read) directly at a public-api task's address, then through the
# load balancer's local url, at the same connection count; prints requests/s and p99 of each and
# the ratio ALB/direct.
#
#   scripts/bench-alb.sh [-c CONNECTIONS] [-d SECONDS] [-s STACK] [-r REGION]
#                        (defaults: -c 64 -d 10 -s stacks/local.yaml -r the stack's first region)
#
# Needs a running local deployment: the local servers, `tpsctl up --to 05` of the stack and
# `tpsctl local-dataplane --stack STACK` serving it. Reads the ALB's `url` from `tpsctl outputs`
# and a registered target from the local AWS's DescribeTargetHealth; sends traffic only to that
# loopback url and that task address.
#
# Then the latency each proxy adds at 70 % of the maximum rate: the maximum is the lower of the
# two wrk figures (what this path sustains through the ALB), and Benchmarks/RateBench offers 70 %
# of it open-loop, at a fixed rate, directly and then through the ALB; it prints both p99s and
# the p99 added (target: at most 1 ms).
#
# CPU placement (BENCH_PIN=split, the default; BENCH_PIN=none leaves the scheduler free): on AWS
# the load balancer does not run on the task's vCPUs, but here wrk, the task and the proxy share
# two cores, so unpinned the proxy's work is taken from the task's and the ratio measures what
# the proxy costs next to wrk + the service, not whether it limits the service. Split gives the
# task (every process of its network namespace) CPU 0 in both runs, and the data plane and the
# load generators CPU 1, so both runs offer the service the same core and the proxy competes
# only with the client (which is counted against the proxy: stricter than AWS). The affinities
# are restored on exit. Other processes on the host still float over both cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

connections=64
seconds=10
stack=stacks/local.yaml
region=""
while getopts "c:d:s:r:" flag; do
  case $flag in
    c) connections=$OPTARG ;;
    d) seconds=$OPTARG ;;
    s) stack=$OPTARG ;;
    r) region=$OPTARG ;;
    *) echo "usage: $0 [-c connections] [-d seconds] [-s stack] [-r region]" >&2; exit 2 ;;
  esac
done
say() { printf 'bench-alb: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
command -v wrk >/dev/null || die "wrk not found (run: scripts/testenv deps)"
[[ -f .testenv/env ]] || die "no .testenv/env: start the local servers first (make demo, or scripts/testenv start)"
# shellcheck disable=SC1091
source .testenv/env
tpsctl="${TPSCTL:-.build/debug/tpsctl}"
[[ -x $tpsctl ]] || die "$tpsctl not built (swift build --product tpsctl)"

outputs=$("$tpsctl" outputs --stack "$stack" --all-regions --output json 2>/dev/null) || die "tpsctl outputs failed: is $stack deployed?"
read -r region url arn < <(python3 - "$region" "$outputs" <<'PY'
import json, sys
wanted, document = sys.argv[1], json.loads(sys.argv[2])
for region, resources in document.items():
    if wanted and region != wanted:
        continue
    for address, values in sorted(resources.items()):
        if "load_balancer" in address and values.get("url"):
            print(region, values["url"], values["arn"])
            sys.exit(0)
sys.exit("no load balancer with a url output (stage 05 of a stack with a local section)")
PY
) || die "no local ALB url in the outputs of $stack"

# A public-api target: the registered target of the group the ALB forwards /public/* to; and,
# behind CloudFront, the origin header that rule requires (read from the rule into the
# environment, so the value never shows in a process's arguments).
read -r target PROXY_HEADER_NAME PROXY_HEADER_VALUE < <(python3 - "$region" "$arn" <<'PY'
import os, sys
import boto3
region, arn = sys.argv[1], sys.argv[2]
elb = boto3.client("elbv2", region_name=region, endpoint_url=os.environ["TPS_LOCAL_AWS_ENDPOINT"])
for listener in elb.describe_listeners(LoadBalancerArn=arn)["Listeners"]:
    for rule in elb.describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]:
        paths = [v for c in rule["Conditions"] if c["Field"] == "path-pattern"
                 for v in c.get("PathPatternConfig", {}).get("Values", c.get("Values", []))]
        if "/public/*" not in paths:
            continue
        headers = [(c["HttpHeaderConfig"]["HttpHeaderName"], c["HttpHeaderConfig"]["Values"][0])
                   for c in rule["Conditions"] if c["Field"] == "http-header"]
        group = next(a for a in rule["Actions"] if a["Type"] == "forward")["TargetGroupArn"]
        for description in elb.describe_target_health(TargetGroupArn=group)["TargetHealthDescriptions"]:
            print(f'{description["Target"]["Id"]}:{description["Target"]["Port"]}', *(headers[0] if headers else ()))
            sys.exit(0)
sys.exit("no public-api target registered")
PY
) || true
[[ -n ${target:-} ]] || die "no public-api target behind $url (is tpsctl local-dataplane running?)"
export PROXY_HEADER_NAME PROXY_HEADER_VALUE
origin_header=()
if [[ -n $PROXY_HEADER_NAME ]]; then
  say "every request sends the ALB's origin header $PROXY_HEADER_NAME (value from its rule, not shown)"
  origin_header=(-H @/dev/stdin)
fi

curl -fsS -o /dev/null --max-time 5 "http://$target/public/health" || die "the task at $target does not answer"
printf '%s: %s\n' "$PROXY_HEADER_NAME" "$PROXY_HEADER_VALUE" \
  | curl -fsS -o /dev/null --max-time 5 "${origin_header[@]}" "$url/public/health" \
  || die "the ALB at $url does not answer (is tpsctl local-dataplane running?)"

# The processes of the network namespace whose eth0 holds the target's address.
task_pids() {
  local ns
  for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^tpsdp-/ { print $1 }'); do
    if ip -n "$ns" -4 -o addr show dev eth0 2>/dev/null | grep -q " ${target%:*}/"; then ip netns pids "$ns"; fi
  done
}
set_affinity() {  # cpus pid...
  local cpus=$1 pid; shift
  for pid in "$@"; do taskset -a -p -c "$cpus" "$pid" >/dev/null 2>&1 || true; done
}
pinned=()
unpin() { [[ ${#pinned[@]} -eq 0 ]] || set_affinity "0-$(($(nproc) - 1))" "${pinned[@]}"; }
case ${BENCH_PIN:-split} in
  none) say "CPU placement: none (wrk, the task and the proxy share every core)" ;;
  split)
    (( $(nproc) >= 2 )) || die "BENCH_PIN=split needs 2 cores (BENCH_PIN=none to run unpinned)"
    command -v taskset >/dev/null || die "taskset not found (util-linux)"
    mapfile -t task < <(task_pids)
    [[ ${#task[@]} -gt 0 ]] || die "no process in a tpsdp- namespace holds $target (BENCH_PIN=none to skip placement)"
    dataplane=$(cat .testenv/run/local-dataplane.pid 2>/dev/null) || die "no .testenv/run/local-dataplane.pid (BENCH_PIN=none to skip placement)"
    pinned=("${task[@]}" "$dataplane")
    trap unpin EXIT
    set_affinity 0 "${task[@]}"
    set_affinity 1 "$dataplane"
    export PROXY_COMPARE_CLIENT="taskset -c 1"
    say "CPU placement: the task (pids ${task[*]}) on CPU 0; the data plane (pid $dataplane), wrk and RateBench on CPU 1" ;;
  *) die "BENCH_PIN must be split or none, not '${BENCH_PIN}'" ;;
esac

path="/public/summary/${BENCH_EVENT:-evt-0001}/${BENCH_SECTION:-S01}"
# shellcheck source=bench/proxy-compare.sh
source scripts/bench/proxy-compare.sh
proxy_compare "http://$target$path" "$url$path" "through the local ALB" "ALB" "$connections" "$seconds"
