#!/usr/bin/env bash
# End-to-end shipping figures for one service through tpsctl itself, against the local
# emulator and registry: image size, build and push wall times (first and repeated), and the
# blob bytes each push uploaded (the repeated push must upload 0).
#
#   scripts/bench-ship.sh [SERVICE]        (default public-api)
#
# Needs `scripts/testenv start` and `source .testenv/env` (AWS_ENDPOINT_URL, TPS_REGISTRY_URL,
# TPS_REGISTRY_USERNAME, TPS_REGISTRY_PASSWORD). TPSCTL names the tpsctl binary (default
# .build/debug/tpsctl); BENCH_SCRATCH the SwiftPM directory of the release build (default
# .build-release; point it at an empty directory for a cold compile). Each run uses a fresh
# stack name, so its first push goes to an empty repository.
set -euo pipefail
cd "$(dirname "$0")/.."

service=${1:-public-api}
: "${AWS_ENDPOINT_URL:?AWS_ENDPOINT_URL is not set (scripts/testenv start; source .testenv/env)}"
: "${TPS_REGISTRY_URL:?TPS_REGISTRY_URL is not set (scripts/testenv start; source .testenv/env)}"
: "${TPS_REGISTRY_USERNAME:?TPS_REGISTRY_USERNAME is not set}"
: "${TPS_REGISTRY_PASSWORD:?TPS_REGISTRY_PASSWORD is not set}"
tpsctl=${TPSCTL:-.build/debug/tpsctl}
scratch=${BENCH_SCRATCH:-.build-release}
[[ -x $tpsctl ]] || { echo "bench-ship: $tpsctl is not built (swift build --product tpsctl)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
name="tps-bench-$(date +%s)"
# The copy lives elsewhere: its CA paths (relative to stacks/) are made absolute.
sed -e "s/^stack: .*/stack: $name/" -e "s|: \.\./\.testenv/|: $PWD/.testenv/|" stacks/local.yaml >"$work/stack.yaml"
common=(--stack "$work/stack.yaml" --state-dir "$work/out")
region=ap-northeast-1

# Repositories first (stage 01 also tries the images, which are not built yet: expected to fail).
"$tpsctl" up "${common[@]}" --stage 01 --region "$region" >"$work/up.log" 2>&1 || true

timed() {  # timed LABEL COMMAND... ; prints the seconds, keeps stdout in $work/LABEL.out
  local label=$1 start end
  shift
  start=$(date +%s.%N)
  "$@" >"$work/$label.out" 2>"$work/$label.err" || { echo "bench-ship: $label failed:" >&2; tail -n 20 "$work/$label.err" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.1f}')"
}

build1=$(timed build1 "$tpsctl" build --service "$service" "${common[@]}" --scratch-path "$scratch")
push1=$(timed push1 "$tpsctl" push --service "$service" --region "$region" "${common[@]}")
build2=$(timed build2 "$tpsctl" build --service "$service" "${common[@]}" --scratch-path "$scratch")
push2=$(timed push2 "$tpsctl" push --service "$service" --region "$region" "${common[@]}")

layout="$work/out/images/$service"
bytes() { sed -n 's/.*(\([0-9]*\) bytes).*/\1/p' "$work/$1.out" | head -n1; }
printf 'service            %s\n' "$service"
printf 'image              %s\n' "$(cat "$work/build1.out")"
printf 'binary (stripped)  %s bytes uncompressed in the layer\n' \
  "$(python3 - "$layout" "$service" <<'PY'
import json, sys, gzip, tarfile, os
layout, service = sys.argv[1], sys.argv[2]
index = json.load(open(os.path.join(layout, "index.json")))
def blob(d): return os.path.join(layout, "blobs", "sha256", d.split(":")[1])
top = json.load(open(blob(index["manifests"][0]["digest"])))
manifest = json.load(open(blob(top["manifests"][0]["digest"])))
with tarfile.open(blob(manifest["layers"][0]["digest"]), "r:gz") as tar:
    print(tar.getmember("usr/local/bin/" + service).size)
PY
)"
printf 'first  build %6ss  push %6ss  uploaded %s bytes\n' "$build1" "$push1" "$(bytes push1)"
printf 'repeat build %6ss  push %6ss  uploaded %s bytes\n' "$build2" "$push2" "$(bytes push2)"
printf 'digests equal      %s\n' "$([[ $(cat "$work/build1.out") == "$(cat "$work/build2.out")" ]] && echo yes || echo NO)"
