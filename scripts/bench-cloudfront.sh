#!/usr/bin/env bash
# The local CloudFront data plane against the task behind it, same machine, same run (a
# benchmark, not a test): wrk GET /public/summary/<event>/<section> directly at a public-api
# task's address, then through the distribution's local url on a cache hit, at the same
# connection count; prints requests/s and p99 of each and the ratio distribution/direct
# (target: at least 1.0, and at most 1 ms added to p99).
#
#   scripts/bench-cloudfront.sh [-c CONNECTIONS] [-d SECONDS] [-s STACK] [-e EVENT] [-S SECTION]
#                        (defaults: -c 64 -d 10 -s stacks/local.yaml -e evt-0001 -S S01)
#
# Needs a running local deployment with CloudFront enabled: the local servers, `tpsctl up` of
# the stack through stage 07 (and 08's seed) and `tpsctl local-dataplane --stack STACK` serving
# it. Reads the distribution's `url` and the primary region's ALB from `tpsctl outputs`, a
# registered public-api target from the local AWS's DescribeTargetHealth; sends traffic only to
# that loopback url and that task address.
#
# Then the latency the distribution adds at 70 % of the maximum rate: the maximum is the lower of
# the two wrk figures, and Benchmarks/RateBench offers 70 % of it open-loop, at a fixed rate,
# directly and then through the distribution (cache hits); it prints both p99s and the p99 added
# (target: at most 1 ms).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

connections=64
seconds=10
stack=stacks/local.yaml
event=evt-0001
section=S01
while getopts "c:d:s:e:S:" flag; do
  case $flag in
    c) connections=$OPTARG ;;
    d) seconds=$OPTARG ;;
    s) stack=$OPTARG ;;
    e) event=$OPTARG ;;
    S) section=$OPTARG ;;
    *) echo "usage: $0 [-c connections] [-d seconds] [-s stack] [-e event] [-S section]" >&2; exit 2 ;;
  esac
done
say() { printf 'bench-cloudfront: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
command -v wrk >/dev/null || die "wrk not found (run: scripts/testenv deps)"
[[ -f .testenv/env ]] || die "no .testenv/env: start the local servers first (make demo, or scripts/testenv start)"
# shellcheck disable=SC1091
source .testenv/env
tpsctl="${TPSCTL:-.build/debug/tpsctl}"
[[ -x $tpsctl ]] || die "$tpsctl not built (swift build --product tpsctl)"

outputs=$("$tpsctl" outputs --stack "$stack" --all-regions --output json 2>/dev/null) || die "tpsctl outputs failed: is $stack deployed?"
# The distribution's url, and the load balancer of the region that records it (the primary).
read -r region url arn < <(python3 - "$outputs" <<'PY'
import json, sys
document = json.loads(sys.argv[1])
for region, resources in document.items():
    for address, values in sorted(resources.items()):
        if "cloudfront_distribution" in address and values.get("url"):
            balancer = next((v for a, v in sorted(resources.items()) if "load_balancer" in a and v.get("arn")), None)
            if balancer is None:
                sys.exit("no load balancer recorded in the distribution's region")
            print(region, values["url"], balancer["arn"])
            sys.exit(0)
sys.exit("no distribution with a url output (stage 07 of a stack with a local section and cloudFront.enabled)")
PY
) || die "no local distribution url in the outputs of $stack"

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
) || die "no public-api target behind the primary ALB (is tpsctl local-dataplane running?)"

path="/public/summary/$event/$section"
curl -fsS -o /dev/null --max-time 5 "http://$target$path" || die "the task at $target does not answer $path"
curl -fsS -o /dev/null --max-time 5 "$url$path" || die "the distribution at $url does not answer $path"
cache=$(curl -fsS -o /dev/null -D - --max-time 5 "$url$path" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-cache" { print $2 }')
[[ $cache == "Hit from cloudfront" ]] || die "the second GET through $url is not a cache hit (X-Cache: ${cache:-none})"

# shellcheck source=bench/proxy-compare.sh
source scripts/bench/proxy-compare.sh
proxy_compare "http://$target$path" "$url$path" "through the distribution (hit)" "distribution" "$connections" "$seconds"
