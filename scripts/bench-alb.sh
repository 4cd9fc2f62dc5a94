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

# A public-api target: the registered target of the group the ALB forwards /public/* to.
target=$(python3 - "$region" "$arn" <<'PY'
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
        group = next(a for a in rule["Actions"] if a["Type"] == "forward")["TargetGroupArn"]
        for description in elb.describe_target_health(TargetGroupArn=group)["TargetHealthDescriptions"]:
            print(f'{description["Target"]["Id"]}:{description["Target"]["Port"]}')
            sys.exit(0)
sys.exit("no public-api target registered")
PY
) || die "no public-api target behind $url (is tpsctl local-dataplane running?)"

curl -fsS -o /dev/null --max-time 5 "http://$target/public/health" || die "the task at $target does not answer"
curl -fsS -o /dev/null --max-time 5 "$url/public/health" || die "the ALB at $url does not answer (is tpsctl local-dataplane running?)"

path="/public/summary/${BENCH_EVENT:-evt-0001}/${BENCH_SECTION:-S01}"
# shellcheck source=bench/proxy-compare.sh
source scripts/bench/proxy-compare.sh
proxy_compare "http://$target$path" "$url$path" "through the local ALB" "ALB" "$connections" "$seconds"
