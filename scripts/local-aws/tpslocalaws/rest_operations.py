"""Finds the operation of a REST request (CloudFront, S3, ...) from botocore's service model.

REST protocols carry no action name; the operation is the one whose `requestUri` template
and HTTP method match. Among several matches the most specific (most literal characters,
then most required query keys) wins, e.g. `/distribution/{Id}/config` over `/distribution/{Id}`.
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


def match(service: str | None, method: str, path: str, query_string: str) -> tuple[str, str | None]:
    """Returns (protocol, operation name or None) for a request without an RPC action."""
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
        if not route.query_keys <= present:
            continue
        if best is None or (route.literal_chars, len(route.query_keys)) > (best.literal_chars, len(best.query_keys)):
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
        ))
    return protocol, routes


def _path_regex(template: str) -> re.Pattern:
    pattern = ""
    for piece in re.split(r"(\{[^}]+\})", template):
        if piece.startswith("{"):
            pattern += ".+" if piece.endswith("+}") else "[^/]+"
        else:
            pattern += re.escape(piece)
    return re.compile(pattern + "/?")
