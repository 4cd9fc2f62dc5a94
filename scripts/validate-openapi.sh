#!/usr/bin/env bash
# Validates the API contract with openapi-spec-validator (PyPI), installing it when absent,
# so a fresh machine and CI get the same check. Usage: scripts/validate-openapi.sh [spec]
set -euo pipefail
cd "$(dirname "$0")/.."
spec="${1:-openapi/ticketing.yaml}"
[[ -f "$spec" ]] || { echo "validate-openapi: no such file: $spec" >&2; exit 2; }
python="${PYTHON:-python3}"
if ! "$python" -c 'import openapi_spec_validator' 2>/dev/null; then
  echo "validate-openapi: installing openapi-spec-validator (pip)" >&2
  "$python" -m pip install --quiet 'openapi-spec-validator>=0.7' >&2
fi
"$python" - "$spec" <<'PY'
import sys, yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
path = sys.argv[1]
with open(path) as f:
    spec = yaml.safe_load(f)
if spec.get("openapi", "").split(".")[:2] != ["3", "1"]:
    sys.exit(f"{path}: openapi must be 3.1.x, found {spec.get('openapi')!r}")
try:
    validate(spec)  # picks the 3.1 validator from the document's version
except OpenAPIValidationError as e:
    where = "/".join(str(p) for p in e.path) or "(root)"
    sys.exit(f"{path}: {where}: {e.message}")
print(f"{path}: valid OpenAPI {spec['openapi']}")
PY
