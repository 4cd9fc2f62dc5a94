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

measure() {  # url -> "requests/s p99"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { p = $2; if (p ~ /us$/) { sub(/us$/, "", p); p /= 1000 } else if (p ~ /ms$/) { sub(/ms$/, "", p) } else if (p ~ /s$/) { sub(/s$/, "", p); p *= 1000 }; p99 = p }
    END { printf "%s %s\n", rps, p99 }'
}
say "direct: wrk -c $connections -d ${seconds}s http://$target$path"
read -r direct_rps direct_p99 < <(measure "http://$target$path")
say "through the local distribution (cache hits): wrk -c $connections -d ${seconds}s $url$path"
read -r edge_rps edge_p99 < <(measure "$url$path")

rate=$(python3 -c "import sys; print(round(0.7 * min(float(sys.argv[1]), float(sys.argv[2]))))" "$direct_rps" "$edge_rps")
# shellcheck source=bench/open-loop.sh
source scripts/bench/open-loop.sh
open_loop_build || die "cannot build Benchmarks/RateBench"
say "open loop at $rate requests/s (70 % of the lower maximum) for ${seconds}s, $connections connections: direct, then through the distribution"
read -r direct70_rps direct70_p50 direct70_p99 direct70_errors < <(open_loop "http://$target$path" "$rate" "$seconds" "$connections")
read -r edge70_rps edge70_p50 edge70_p99 edge70_errors < <(open_loop "$url$path" "$rate" "$seconds" "$connections")

python3 - "$path" "$direct_rps" "$direct_p99" "$edge_rps" "$edge_p99" "$rate" \
  "$direct70_rps" "$direct70_p50" "$direct70_p99" "$direct70_errors" "$edge70_rps" "$edge70_p50" "$edge70_p99" "$edge70_errors" <<'PY'
import sys
path = sys.argv[1]
direct_rps, direct_p99, edge_rps, edge_p99, rate = map(float, sys.argv[2:7])
d_rps, d_p50, d_p99, d_errors, e_rps, e_p50, e_p99, e_errors = map(float, sys.argv[7:15])
print(f"{'GET ' + path + ' (wrk, closed loop)':<48}{'requests/s':>12}{'p99 ms':>10}")
print(f"{'  direct to the task':<48}{direct_rps:>12.0f}{direct_p99:>10.2f}")
print(f"{'  through the distribution (hit)':<48}{edge_rps:>12.0f}{edge_p99:>10.2f}")
print(f"ratio distribution/direct: {edge_rps / direct_rps:.2f}")
print(f"{'open loop at %.0f requests/s (70 %% of max)' % rate:<48}{'achieved':>12}{'p50 ms':>10}{'p99 ms':>10}{'failed':>8}")
print(f"{'  direct to the task':<48}{d_rps:>12.0f}{d_p50:>10.2f}{d_p99:>10.2f}{d_errors:>8.0f}")
print(f"{'  through the distribution (hit)':<48}{e_rps:>12.0f}{e_p50:>10.2f}{e_p99:>10.2f}{e_errors:>8.0f}")
print(f"p99 added by the distribution at 70 % of max: {e_p99 - d_p99:+.2f} ms")
PY
