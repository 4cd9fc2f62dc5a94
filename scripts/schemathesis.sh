#!/usr/bin/env bash
# Property-based contract check of the running services against openapi/ticketing.yaml with
# schemathesis: generated valid and invalid requests for every operation; the run fails on any
# 5xx, any response whose status, content type, headers or body the spec does not allow.
#
#   scripts/schemathesis.sh [PUBLIC_URL [CONFIRM_URL]]
#
# Defaults to the local deployment's ALB (make demo), else the URLs of scripts/demo-services. The
# services must already run; a service that does not answer fails the run. The /public/*
# operations go to public-api, /confirm/* to confirm-api (ST_SERVICES="public-api" for one). ST_MAX_EXAMPLES (default 40) bounds
# the cases per operation, ST_SEED makes a run reproducible. Reports: .testenv/schemathesis/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPEC="$ROOT/openapi/ticketing.yaml"
REPORTS="$ROOT/.testenv/schemathesis"
# Default: the local deployment's first-region ALB, as `make demo` recorded it (both APIs sit
# behind it); without one, the bare processes of scripts/demo-services.
recorded_alb() {
  python3 - "$ROOT/infra/out/ap-northeast-1/05-services.json" <<'PY' 2>/dev/null
import json, sys
outputs = json.load(open(sys.argv[1]))
def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if "load_balancer" in key and isinstance(value, dict):
                url = value.get("url") or (value.get("outputs") or {}).get("url")
                if isinstance(url, dict): url = url.get("plain") or url.get("value")
                if isinstance(url, str) and url: print(url); sys.exit(0)
            walk(value)
walk(outputs)
sys.exit(1)
PY
}
if ALB_URL="$(recorded_alb)"; then
  PUBLIC_URL="$ALB_URL"; CONFIRM_URL="$ALB_URL"
else
  eval "$("$ROOT/scripts/demo-services" urls)"
fi
PUBLIC_URL="${1:-$PUBLIC_URL}"
CONFIRM_URL="${2:-$CONFIRM_URL}"
MAX_EXAMPLES="${ST_MAX_EXAMPLES:-40}"
SEED="${ST_SEED:-$RANDOM}"
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance

say() { printf 'schemathesis: %s\n' "$*" >&2; }
command -v schemathesis >/dev/null || { say "error: schemathesis is not installed (run: scripts/testenv deps)"; exit 1; }

# Refuses to report success against nothing: each service's health must answer first.
require_up() {  # require_up NAME URL
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$2")" || true
  [[ $code == 200 ]] || { say "error: $1 is not running ($2 answered ${code:-nothing}); start it with scripts/demo-services start"; exit 1; }
}
# ST_SERVICES narrows the run (e.g. "public-api" while developing one service).
read -r -a SERVICES <<<"${ST_SERVICES:-public-api confirm-api}"
wants() { [[ " ${SERVICES[*]} " == *" $1 "* ]]; }
wants public-api && require_up public-api "$PUBLIC_URL/public/health"
wants confirm-api && require_up confirm-api "$CONFIRM_URL/confirm/health"

mkdir -p "$REPORTS"

# Seeded ids, so summary, seats and hold reach their logic instead of answering 404 only, and an
# admitted room token for hold. The token is passed through the environment (the config file
# names the variable), never argv or output.
ST_ROOM_TOKEN="$(curl -sf --max-time 5 -H 'content-type: application/json' \
  -d "{\"userId\":\"st-$RANDOM$RANDOM\",\"eventId\":\"evt-0001\"}" "$PUBLIC_URL/public/enter" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["roomToken"])')" \
  || { say "error: POST $PUBLIC_URL/public/enter did not issue a room token"; exit 1; }
export ST_ROOM_TOKEN
sleep 1  # admitted at ADMISSION_RATE_PER_SEC; a fresh position is ready within a second locally
cat >"$REPORTS/public.toml" <<'TOML'
headers = { "x-room-token" = "${ST_ROOM_TOKEN}" }
[parameters]
eventId = "evt-0001"
section = "S01"
TOML
cat >"$REPORTS/confirm.toml" <<'TOML'
[parameters]
eventId = "evt-0001"
TOML

rc=0
run() {  # run NAME URL PATH_REGEX
  say "$1 at $2 (seed $SEED, at most $MAX_EXAMPLES cases per operation)"
  (cd "$REPORTS" && schemathesis --config-file "$REPORTS/${1%%-*}.toml" run "$SPEC" --url "$2" --include-path-regex "$3" --checks "$CHECKS" \
    --max-examples "$MAX_EXAMPLES" --seed "$SEED" --generation-database none --request-timeout 10 \
    --workers 2 --no-color --report junit --report-junit-path "$REPORTS/$1.xml") || rc=1
}
wants public-api && run public-api "$PUBLIC_URL" '^/public/'
wants confirm-api && run confirm-api "$CONFIRM_URL" '^/confirm/'
[[ $rc -eq 0 ]] && say "no 5xx, no schema violation" || say "FAILED (reports in $REPORTS)"
exit $rc
