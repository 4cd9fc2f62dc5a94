#!/usr/bin/env bash
# Writes the job's GitHub OIDC id token (audience sts.amazonaws.com) where tpsctl's web identity
# source reads it (AWS_WEB_IDENTITY_TOKEN_FILE, default $RUNNER_TEMP/aws-web-identity-token), then
# keeps it fresh in the background for the rest of the job: GitHub's tokens live minutes, a deploy
# lasts longer, and tpsctl reads the file again each time it renews the role's credentials.
# The token is never printed. Needs `permissions: id-token: write` (which sets the two
# ACTIONS_ID_TOKEN_REQUEST_* variables).
set -euo pipefail

FILE="${AWS_WEB_IDENTITY_TOKEN_FILE:-${RUNNER_TEMP:?not on a GitHub runner (RUNNER_TEMP unset)}/aws-web-identity-token}"
EVERY="${TOKEN_REFRESH_SECONDS:-240}"

die() { printf 'aws-web-identity-token: error: %s\n' "$*" >&2; exit 1; }
[[ -n ${ACTIONS_ID_TOKEN_REQUEST_URL:-} && -n ${ACTIONS_ID_TOKEN_REQUEST_TOKEN:-} ]] \
  || die "no id token available: the job needs 'permissions: id-token: write'"
[[ -n ${AWS_ROLE_ARN:-} ]] || die "AWS_ROLE_ARN is empty: set the repository variable AWS_DEPLOY_ROLE_ARN"

fetch() {
  local answer token
  # The bearer token goes to curl through a header file, never through its arguments.
  answer=$(curl --fail --silent --show-error --max-time 30 -H @<(printf 'Authorization: bearer %s\n' "$ACTIONS_ID_TOKEN_REQUEST_TOKEN") \
    "${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=sts.amazonaws.com") || return 1
  token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["value"])' <<<"$answer") || return 1
  umask 077
  printf '%s' "$token" >"$FILE.tmp" && mv "$FILE.tmp" "$FILE"
}

fetch || die "could not fetch the id token from GitHub"
echo "aws-web-identity-token: written to $FILE (renewed every ${EVERY} s while the job runs)"
( while sleep "$EVERY"; do fetch || echo "aws-web-identity-token: renewing failed; retrying in ${EVERY} s" >&2; done ) \
  </dev/null >/dev/null 2>&1 &
disown
