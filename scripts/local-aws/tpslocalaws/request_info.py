"""Identifies an AWS request the way AWS routes it: by the SigV4 credential scope.

The service is the signing name and the region comes from the credential scope (header
or presigned query), so a client with a wrong signing name is seen exactly as AWS would
see it. The action comes from X-Amz-Target, the RPC v2 path, Action= or the REST path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs

from . import rest_operations

_CREDENTIAL = re.compile(r"Credential=([^/,\s]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request")
_RPC_V2_PATH = re.compile(r"^/service/([^/]+)/operation/([^/?]+)")

#: Action-name prefixes of calls that only read. Everything else counts as a mutation
#: (ReceiveMessage included: it changes message visibility).
READ_PREFIXES = (
    "Describe", "Get", "List", "Head", "Query", "Scan", "BatchGet", "Search",
    "Lookup", "Select", "Check", "Validate", "Estimate", "Preview", "Simulate", "Test",
)

#: Unsigned calls (no credential scope) and the service they belong to.
_UNSIGNED_ACTIONS = {"AssumeRoleWithWebIdentity": "sts", "AssumeRoleWithSAML": "sts"}

#: Signing names whose Query dialect is EC2's (different error envelope).
_EC2_QUERY = {"ec2"}


@dataclass(frozen=True)
class AwsRequest:
    service: str | None          # SigV4 signing name, e.g. "sqs", "elasticloadbalancing"
    region: str | None
    action: str | None
    protocol: str                # json, query, ec2, rest-xml, rest-json, smithy-rpc-v2-cbor
    json_version: str | None     # "1.0" / "1.1" for the JSON protocol
    access_key_id: str | None    # not a secret; lets parallel tests scope faults and logs

    @property
    def mutating(self) -> bool:
        return not (self.action or "").startswith(READ_PREFIXES)

    def as_dict(self) -> dict:
        return {
            "service": self.service,
            "region": self.region,
            "action": self.action,
            "mutating": self.mutating,
            "accessKeyId": self.access_key_id,
        }


def is_aws_request(environ: dict) -> bool:
    """True for anything that is not the emulator's own control or dashboard API."""
    path = environ.get("PATH_INFO", "")
    return not (path.startswith("/_tps/") or path.startswith("/moto-api"))


def identify(environ: dict, body: bytes) -> AwsRequest:
    access_key, region, service = _credential_scope(environ)
    headers_target = environ.get("HTTP_X_AMZ_TARGET")
    content_type = environ.get("CONTENT_TYPE", "")
    path = environ.get("PATH_INFO", "")
    method = environ.get("REQUEST_METHOD", "GET")

    if headers_target:
        action = headers_target.rsplit(".", 1)[-1]
        version = "1.0" if "1.0" in content_type else "1.1"
        return AwsRequest(service, region, action, "json", version, access_key)

    rpc = _RPC_V2_PATH.match(path)
    if rpc and environ.get("HTTP_SMITHY_PROTOCOL"):
        return AwsRequest(service, region, rpc.group(2), "smithy-rpc-v2-cbor", None, access_key)

    form_action = _query_action(environ, body, content_type)
    if form_action and service is None:
        service = _UNSIGNED_ACTIONS.get(form_action)
    if form_action:
        protocol = "ec2" if service in _EC2_QUERY else "query"
        return AwsRequest(service, region, form_action, protocol, None, access_key)

    header_names = frozenset(key[5:].replace("_", "-").lower() for key in environ if key.startswith("HTTP_"))
    protocol, action = rest_operations.match(service, method, path, environ.get("QUERY_STRING", ""), header_names)
    return AwsRequest(service, region, action, protocol, None, access_key)


def _credential_scope(environ: dict) -> tuple[str | None, str | None, str | None]:
    auth = environ.get("HTTP_AUTHORIZATION", "")
    match = _CREDENTIAL.search(auth)
    if not match:
        query = parse_qs(environ.get("QUERY_STRING", ""))
        credential = (query.get("X-Amz-Credential") or [""])[0]
        match = _CREDENTIAL.search("Credential=" + credential)
    if not match:
        return None, None, None
    return match.group(1), match.group(3), match.group(4).lower()


def _query_action(environ: dict, body: bytes, content_type: str) -> str | None:
    if "x-www-form-urlencoded" in content_type and body:
        values = parse_qs(body.decode("utf-8", "replace")).get("Action")
        if values:
            return values[0]
    values = parse_qs(environ.get("QUERY_STRING", "")).get("Action")
    return values[0] if values else None
