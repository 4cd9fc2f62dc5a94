#!/usr/bin/env bash
# Image build + push figures for one binary: compressed layer size, cold and warm wall time
# of build+push, bytes uploaded on the warm (unchanged) re-push.
#
#   scripts/bench-image.sh BINARY [SERVICE]
#
# Needs the local registry (TPS_REGISTRY_URL, TPS_REGISTRY_USERNAME, TPS_REGISTRY_PASSWORD;
# `source .testenv/env` after `scripts/testenv start`). "Cold" pushes to a repository that
# does not exist yet; "warm" rebuilds the same binary and pushes it again to the same one.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:?usage: scripts/bench-image.sh BINARY [SERVICE]}
service=${2:-$(basename "$binary")}
: "${TPS_REGISTRY_URL:?TPS_REGISTRY_URL is not set (scripts/testenv start; source .testenv/env)}"
: "${TPS_REGISTRY_USERNAME:?TPS_REGISTRY_USERNAME is not set}"
: "${TPS_REGISTRY_PASSWORD:?TPS_REGISTRY_PASSWORD is not set}"
[[ -f $binary ]] || { echo "bench-image: $binary: no such file" >&2; exit 2; }

# BENCH_CONFIG=debug skips the long release build; BENCH_SCRATCH names another build folder.
config=${BENCH_CONFIG:-release}
scratch=(${BENCH_SCRATCH:+--scratch-path "$BENCH_SCRATCH"})
swift build -c "$config" "${scratch[@]}" --product ImageBench >&2
bench=$(swift build -c "$config" "${scratch[@]}" --show-bin-path)/ImageBench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repository="tps-bench/${service}-$(date +%s)"

run() { "$bench" --binary "$binary" --service "$service" --output "$work/layout" \
        --registry "$TPS_REGISTRY_URL" --repository "$repository" --tag bench; }
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

cold=$(run)
warm=$(run)
size=$(field "$cold" compressed_bytes)
printf 'binary            %s (%s bytes; ImageBench built -c %s)\n' "$binary" "$(stat -c %s "$binary")" "$config"
printf 'digest            %s\n' "$(field "$cold" digest)"
printf 'compressed layer  %s bytes (%.1f MiB); uncompressed %s bytes\n' "$size" "$(python3 -c "print($size/1048576)")" "$(field "$cold" uncompressed_bytes)"
for name in cold warm; do
  result=${!name}
  printf '%-5s build %6.2fs  push %6.2fs  total %6.2fs  uploaded %s bytes (%s blobs, %s skipped)  max RSS %s KiB\n' "$name" \
    "$(field "$result" build_seconds)" "$(field "$result" push_seconds)" \
    "$(python3 -c "print($(field "$result" build_seconds)+$(field "$result" push_seconds))")" \
    "$(field "$result" bytes_uploaded)" "$(field "$result" blobs_uploaded)" "$(field "$result" blobs_skipped)" \
    "$(field "$result" max_rss_kib)"
done
