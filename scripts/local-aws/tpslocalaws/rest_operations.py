"""Finds the operation of a REST request (CloudFront, S3, ...) from botocore's service model.

REST protocols carry no action name; the operation is the one whose `requestUri` template
and HTTP method match, and whose required header members are present (S3's CopyObject is a
PutObject with `x-amz-copy-source`). Among several matches the most specific (most literal
characters, then most required query keys, then most required headers) wins, e.g.
`/distribution/{Id}/config` over `/distribution/{Id}`; a deprecated operation only when nothing
else matches (S3's GetBucketLifecycle answers the same request as GetBucketLifecycleConfiguration).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs

import botocore.loaders

#: Signing names whose botocore service name differs (only REST services matter here).
_SERVICE_BY_SIGNING_NAME = {"execute-api": "apigateway", "mobiletargeting": "pinpoint"}

_loader = botocore.loaders.Loader()
_lock = threading.Lock()


@dataclass(frozen=True)
class _Route:
    name: str
    method: str
    path: re.Pattern
    query_keys: frozenset[str]
    literal_chars: int
    #: Lowercase names of the header members the input requires.
    headers: frozenset[str] = frozenset()
    deprecated: bool = False

    def rank(self) -> tuple:
        return (not self.deprecated, self.literal_chars, len(self.query_keys), len(self.headers))


def match(service: str | None, method: str, path: str, query_string: str,
          header_names: frozenset[str] = frozenset()) -> tuple[str, str | None]:
    """Returns (protocol, operation name or None) for a request without an RPC action.
    `header_names`: the request's header names, lowercase."""
    if not service:
        return "unknown", None
    model = _model(_SERVICE_BY_SIGNING_NAME.get(service, service))
    if model is None:
        return "unknown", None
    protocol, routes = model
    present = set(parse_qs(query_string, keep_blank_values=True))
    best: _Route | None = None
    for route in routes:
        if route.method != method or not route.path.fullmatch(path):
            continue
        if not route.query_keys <= present or not route.headers <= header_names:
            continue
        if best is None or route.rank() > best.rank():
            best = route
    return protocol, best.name if best else None


def protocol_of(service: str | None) -> str:
    model = _model(_SERVICE_BY_SIGNING_NAME.get(service or "", service or ""))
    return model[0] if model else "unknown"


@lru_cache(maxsize=None)
def _model(service_name: str) -> tuple[str, list[_Route]] | None:
    with _lock:
        try:
            data = _loader.load_service_model(service_name, "service-2")
        except Exception:
            return None
    protocol = data["metadata"].get("protocol", "unknown")
    shapes = data.get("shapes", {})
    routes = []
    for name, operation in data.get("operations", {}).items():
        http = operation.get("http", {})
        uri = http.get("requestUri", "/")
        path_part, _, query_part = uri.partition("?")
        routes.append(_Route(
            name=name,
            method=http.get("method", "POST"),
            path=_path_regex(path_part),
            query_keys=frozenset(k.split("=")[0] for k in query_part.split("&") if k),
            literal_chars=len(re.sub(r"\{[^}]+\}", "", path_part)),
            headers=_required_headers(shapes, operation),
            deprecated=bool(operation.get("deprecated")),
        ))
    return protocol, routes


def _required_headers(shapes: dict, operation: dict) -> frozenset[str]:
    shape = shapes.get((operation.get("input") or {}).get("shape", ""), {})
    members = shape.get("members", {})
    return frozenset(members[name]["locationName"].lower() for name in shape.get("required", [])
                     if members.get(name, {}).get("location") == "header" and "locationName" in members[name])


def _path_regex(template: str) -> re.Pattern:
    pattern = ""
    for piece in re.split(r"(\{[^}]+\})", template):
        if piece.startswith("{"):
            pattern += ".+" if piece.endswith("+}") else "[^/]+"
        else:
            pattern += re.escape(piece)
    return re.compile(pattern + "/?")
