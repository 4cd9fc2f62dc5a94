#!/usr/bin/env bash
# The modules linked into the service binaries must not import Foundation proper: one reference
# to it links swift-corelibs-foundation with ICU's data (~45 MB more per binary, ~17 MB more per
# compressed image). They import FoundationEssentials instead. Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

service_modules=(Sources/EnvironmentContract Sources/AWSSigV4 Sources/AWSClient Sources/Ticketing
  Sources/ServerTrust Sources/RedisClient Sources/DatabaseMigrations Sources/ServiceRuntime
  services/public-api/Library services/public-api/Sources
  services/confirm-api/Library services/confirm-api/Sources
  services/confirm-worker/Library services/confirm-worker/Sources)

found=$(grep -rnE '^\s*(@_implementationOnly |@preconcurrency )?import (Foundation|FoundationNetworking|FoundationXML)(\.|\s*$)|^\s*import (struct|class|enum|func|protocol|typealias|let|var) (Foundation|FoundationNetworking|FoundationXML)\.' \
  --include='*.swift' "${service_modules[@]}" || true)
if [[ -n $found ]]; then
  echo "check-service-imports: these service-side files import Foundation proper (use FoundationEssentials):" >&2
  echo "$found" >&2
  exit 1
fi
echo "check-service-imports: ${#service_modules[@]} service-side source directories import FoundationEssentials only"
