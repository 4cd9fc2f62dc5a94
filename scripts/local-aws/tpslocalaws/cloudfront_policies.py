"""CloudFront cache policies and origin request policies, which moto does not implement.

REST-XML on /2020-05-31/cache-policy and /2020-05-31/origin-request-policy:
Create (201, Location + ETag), Get, GetConfig, List (Type=managed|custom, Marker/MaxItems),
Update and Delete with If-Match (missing -> InvalidIfMatchVersion, stale ->
PreconditionFailed 412). Names are unique per kind (…AlreadyExists 409); Quantity must match
the number of Items (InconsistentQuantities); AWS's managed policies exist with their
published ids and cannot be changed (IllegalUpdate / IllegalDelete); a policy referenced
by a distribution's cache behaviors cannot be deleted (…InUse 409).

The configuration document is stored as the client sent it (namespace stripped) and
returned verbatim, so what a client writes is exactly what it reads back.
"""

from __future__ import annotations

import threading
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterable
from urllib.parse import parse_qs

from . import error_responses
from .request_info import AwsRequest

API_VERSION = "2020-05-31"
NAMESPACE = f"http://cloudfront.amazonaws.com/doc/{API_VERSION}/"


@dataclass(frozen=True)
class PolicyKind:
    """The names that differ between cache policies and origin request policies."""
    noun: str            # "CachePolicy"
    path: str            # "cache-policy"
    not_found: str
    already_exists: str
    in_use: str
    behavior_field: str  # attribute of moto's cache behaviours referencing the policy


CACHE = PolicyKind("CachePolicy", "cache-policy", "NoSuchCachePolicy", "CachePolicyAlreadyExists",
                   "CachePolicyInUse", "cache_policy_id")
ORIGIN_REQUEST = PolicyKind("OriginRequestPolicy", "origin-request-policy", "NoSuchOriginRequestPolicy",
                            "OriginRequestPolicyAlreadyExists", "OriginRequestPolicyInUse", "origin_request_policy_id")
KINDS = (CACHE, ORIGIN_REQUEST)

_STATUS = {
    "InvalidArgument": 400, "InconsistentQuantities": 400, "InvalidIfMatchVersion": 400,
    "IllegalUpdate": 400, "IllegalDelete": 400, "PreconditionFailed": 412, "MalformedInput": 400,
}


class PolicyError(Exception):
    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = status or _STATUS.get(code, 409 if code.endswith(("AlreadyExists", "InUse")) else 404)


@dataclass
class Policy:
    id: str
    kind: PolicyKind
    config_xml: str      # the <...Config> element, without namespace
    name: str
    etag: str
    modified: datetime
    managed: bool = False


class PolicyStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._policies: dict[str, Policy] = {}
        for kind, policy_id, config in _MANAGED:
            self._policies[policy_id] = Policy(policy_id, kind, config, _name_of(config), _etag(), _epoch(), True)

    def create(self, kind: PolicyKind, body: bytes) -> Policy:
        config, name = _parse_config(kind, body)
        with self._lock:
            self._refuse_duplicate_name(kind, name, None)
            policy = Policy(str(uuid.uuid4()), kind, config, name, _etag(), _now())
            self._policies[policy.id] = policy
            return policy

    def get(self, kind: PolicyKind, policy_id: str) -> Policy:
        with self._lock:
            policy = self._policies.get(policy_id)
        if policy is None or policy.kind is not kind:
            raise PolicyError(kind.not_found, f"The {_words(kind)} does not exist.")
        return policy

    def list(self, kind: PolicyKind, type_filter: str | None) -> list[Policy]:
        with self._lock:
            policies = [p for p in self._policies.values() if p.kind is kind]
        if type_filter == "managed":
            policies = [p for p in policies if p.managed]
        elif type_filter == "custom":
            policies = [p for p in policies if not p.managed]
        return sorted(policies, key=lambda p: (not p.managed, p.name))

    def update(self, kind: PolicyKind, policy_id: str, if_match: str | None, body: bytes) -> Policy:
        policy = self.get(kind, policy_id)
        _check_if_match(policy, if_match)
        if policy.managed:
            raise PolicyError("IllegalUpdate", "Managed policies cannot be updated.")
        config, name = _parse_config(kind, body)
        with self._lock:
            self._refuse_duplicate_name(kind, name, policy_id)
            policy.config_xml, policy.name, policy.etag, policy.modified = config, name, _etag(), _now()
            return policy

    def delete(self, kind: PolicyKind, policy_id: str, if_match: str | None, in_use: Callable[[PolicyKind, str], bool]) -> None:
        policy = self.get(kind, policy_id)
        _check_if_match(policy, if_match)
        if policy.managed:
            raise PolicyError("IllegalDelete", "Managed policies cannot be deleted.")
        if in_use(kind, policy_id):
            raise PolicyError(kind.in_use, f"Cannot delete the {_words(kind)} because it is attached to one or more cache behaviors.")
        with self._lock:
            self._policies.pop(policy_id, None)

    def _refuse_duplicate_name(self, kind: PolicyKind, name: str, own_id: str | None) -> None:
        for other in self._policies.values():
            if other.kind is kind and other.name == name and other.id != own_id:
                raise PolicyError(kind.already_exists, f"A {_words(kind)} with this name already exists: {other.id}")


class CloudFrontPolicies:
    """The app extension answering the policy operations (see LocalAws.extensions)."""

    OPERATIONS = {
        f"{verb}{kind.noun}{suffix}"
        for kind in KINDS
        for verb, suffix in (("Create", ""), ("Get", ""), ("Get", "Config"), ("Update", ""), ("Delete", ""))
    } | {"ListCachePolicies", "ListOriginRequestPolicies"}

    def __init__(self) -> None:
        self.store = PolicyStore()

    def handles(self, request: AwsRequest, environ: dict) -> bool:
        return request.service == "cloudfront" and request.action in self.OPERATIONS

    def __call__(self, request: AwsRequest, environ: dict, start_response: Callable) -> Iterable[bytes]:
        action = request.action or ""
        kind = CACHE if "CachePolic" in action else ORIGIN_REQUEST
        segments = environ.get("PATH_INFO", "").strip("/").split("/")
        policy_id = segments[2] if len(segments) > 2 else ""
        if_match = environ.get("HTTP_IF_MATCH")
        try:
            if action.startswith("Create"):
                policy = self.store.create(kind, _body(environ))
                location = f"https://cloudfront.amazonaws.com/{API_VERSION}/{kind.path}/{policy.id}"
                return _reply(start_response, 201, _policy_xml(policy, root=True), policy.etag, location)
            if action.startswith("List"):
                params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
                return _reply(start_response, 200, _list_xml(kind, self.store.list(kind, params.get("Type")), params))
            if action.endswith("Config"):
                policy = self.store.get(kind, policy_id)
                return _reply(start_response, 200, _config_xml(policy), policy.etag)
            if action.startswith("Get"):
                policy = self.store.get(kind, policy_id)
                return _reply(start_response, 200, _policy_xml(policy, root=True), policy.etag)
            if action.startswith("Update"):
                policy = self.store.update(kind, policy_id, if_match, _body(environ))
                return _reply(start_response, 200, _policy_xml(policy, root=True), policy.etag)
            self.store.delete(kind, policy_id, if_match, _in_use_by_distributions)
            start_response("204 No Content", [("x-amz-request-id", str(uuid.uuid4()))])
            return [b""]
        except PolicyError as error:
            response = error_responses.render("rest-xml", "cloudfront", error.status, error.code, str(error), environ.get("PATH_INFO", ""))
            start_response(f"{response.status} Error", response.headers + [("Content-Length", str(len(response.body)))])
            return [response.body]


# --- XML -----------------------------------------------------------------------------------

def _parse_config(kind: PolicyKind, body: bytes) -> tuple[str, str]:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise PolicyError("MalformedInput", f"{kind.noun}Config: invalid XML ({error})")
    for element in root.iter():
        element.tag = element.tag.split("}", 1)[-1]
    if root.tag != f"{kind.noun}Config":
        raise PolicyError("MalformedInput", f"expected a {kind.noun}Config document, got <{root.tag}>")
    name = (root.findtext("Name") or "").strip()
    if not name:
        raise PolicyError("InvalidArgument", f"{kind.noun}Config.Name is required.")
    required = ("MinTTL", "ParametersInCacheKeyAndForwardedToOrigin") if kind is CACHE else (
        "HeadersConfig", "CookiesConfig", "QueryStringsConfig")
    for field_name in required:
        if root.find(field_name) is None:
            raise PolicyError("InvalidArgument", f"{kind.noun}Config.{field_name} is required.")
    _check_quantities(root, kind.noun + "Config")
    ET.indent(root, space="")
    return ET.tostring(root, encoding="unicode").replace("\n", ""), name


def _check_quantities(element: ET.Element, where: str) -> None:
    quantity = element.find("Quantity")
    if quantity is not None:
        items = element.find("Items")
        count = len(items) if items is not None else 0
        if (quantity.text or "").strip() != str(count):
            raise PolicyError("InconsistentQuantities", f"{where}.Quantity is {quantity.text} but {count} Items were given.")
    for child in element:
        _check_quantities(child, f"{where}.{child.tag}")


def _policy_xml(policy: Policy, root: bool) -> str:
    namespace = f' xmlns="{NAMESPACE}"' if root else ""
    return (
        f"<{policy.kind.noun}{namespace}><Id>{policy.id}</Id>"
        f"<LastModifiedTime>{_iso(policy.modified)}</LastModifiedTime>{policy.config_xml}</{policy.kind.noun}>"
    )


def _config_xml(policy: Policy) -> str:
    return policy.config_xml.replace(f"<{policy.kind.noun}Config>", f'<{policy.kind.noun}Config xmlns="{NAMESPACE}">', 1)


def _list_xml(kind: PolicyKind, policies: list[Policy], params: dict[str, str]) -> str:
    try:
        max_items = int(params.get("MaxItems", "100"))
    except ValueError:
        raise PolicyError("InvalidArgument", "MaxItems must be an integer.")
    start = 0
    marker = params.get("Marker")
    if marker:
        ids = [p.id for p in policies]
        if marker not in ids:
            raise PolicyError("InvalidArgument", "Marker is not valid.")
        start = ids.index(marker) + 1
    page = policies[start:start + max_items]
    more = start + max_items < len(policies)
    items = "".join(
        f"<{kind.noun}Summary><Type>{'managed' if p.managed else 'custom'}</Type>{_policy_xml(p, root=False)}</{kind.noun}Summary>"
        for p in page
    )
    next_marker = f"<NextMarker>{page[-1].id}</NextMarker>" if more and page else ""
    return (
        f'<{kind.noun}List xmlns="{NAMESPACE}">{next_marker}<MaxItems>{max_items}</MaxItems>'
        f"<Quantity>{len(page)}</Quantity>" + (f"<Items>{items}</Items>" if page else "") + f"</{kind.noun}List>"
    )


def _reply(start_response: Callable, status: int, xml: str, etag: str | None = None, location: str | None = None) -> list[bytes]:
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n' + xml).encode()
    headers = [("Content-Type", "text/xml"), ("Content-Length", str(len(body))), ("x-amz-request-id", str(uuid.uuid4()))]
    if etag:
        headers.append(("ETag", etag))
    if location:
        headers.append(("Location", location))
    start_response(f"{status} {'Created' if status == 201 else 'OK'}", headers)
    return [body]


# --- helpers -------------------------------------------------------------------------------

def _check_if_match(policy: Policy, if_match: str | None) -> None:
    if not if_match:
        raise PolicyError("InvalidIfMatchVersion", "The If-Match version is missing or not valid for the resource.")
    if if_match != policy.etag:
        raise PolicyError("PreconditionFailed", "The If-Match version does not match the current version of the resource.")


def _in_use_by_distributions(kind: PolicyKind, policy_id: str) -> bool:
    from moto.cloudfront.models import cloudfront_backends
    from moto.core import DEFAULT_ACCOUNT_ID

    backend = cloudfront_backends[DEFAULT_ACCOUNT_ID]["aws"]
    for distribution in backend.distributions.values():
        config = distribution.distribution_config
        behaviors = [config.DefaultCacheBehavior] + list((config.CacheBehaviors or {}).get("Items") or [])
        if any(getattr(b, kind.behavior_field, None) == policy_id for b in behaviors):
            return True
    return False


def _body(environ: dict) -> bytes:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length) if length else b""


def _name_of(config_xml: str) -> str:
    return ET.fromstring(config_xml).findtext("Name") or ""


def _words(kind: PolicyKind) -> str:
    return "cache policy" if kind is CACHE else "origin request policy"


def _etag() -> str:
    return uuid.uuid4().hex[:14].upper()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _epoch() -> datetime:
    return datetime(2020, 7, 1, tzinfo=timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _origin_config(name: str, comment: str, headers: str, excluded_headers: tuple[str, ...] = ()) -> str:
    listed = ""
    if excluded_headers:
        items = "".join(f"<Name>{h}</Name>" for h in excluded_headers)
        listed = f"<Headers><Quantity>{len(excluded_headers)}</Quantity><Items>{items}</Items></Headers>"
    return (
        f"<OriginRequestPolicyConfig><Comment>{comment}</Comment><Name>{name}</Name>"
        f"<HeadersConfig><HeaderBehavior>{headers}</HeaderBehavior>{listed}</HeadersConfig>"
        "<CookiesConfig><CookieBehavior>all</CookieBehavior></CookiesConfig>"
        "<QueryStringsConfig><QueryStringBehavior>all</QueryStringBehavior></QueryStringsConfig></OriginRequestPolicyConfig>"
    )


def _cache_config(name: str, comment: str, default: int, maximum: int, minimum: int, compress: bool) -> str:
    flag = "true" if compress else "false"
    return (
        f"<CachePolicyConfig><Comment>{comment}</Comment><Name>{name}</Name><DefaultTTL>{default}</DefaultTTL>"
        f"<MaxTTL>{maximum}</MaxTTL><MinTTL>{minimum}</MinTTL><ParametersInCacheKeyAndForwardedToOrigin>"
        f"<EnableAcceptEncodingGzip>{flag}</EnableAcceptEncodingGzip><EnableAcceptEncodingBrotli>{flag}</EnableAcceptEncodingBrotli>"
        "<HeadersConfig><HeaderBehavior>none</HeaderBehavior></HeadersConfig>"
        "<CookiesConfig><CookieBehavior>none</CookieBehavior></CookiesConfig>"
        "<QueryStringsConfig><QueryStringBehavior>none</QueryStringBehavior></QueryStringsConfig>"
        "</ParametersInCacheKeyAndForwardedToOrigin></CachePolicyConfig>"
    )


#: AWS managed policies a stack may reference by their published ids.
_MANAGED = [
    (CACHE, "658327ea-f89d-4fab-a63d-7e88639e58f6",
     _cache_config("Managed-CachingOptimized", "Default policy when CF compression is enabled", 86400, 31536000, 1, True)),
    (CACHE, "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
     _cache_config("Managed-CachingDisabled", "Policy with caching disabled", 0, 0, 0, False)),
    (ORIGIN_REQUEST, "216adef6-5c7f-47e4-b989-5492eafa07d3",
     _origin_config("Managed-AllViewer", "Policy to forward all parameters in viewer requests", "allViewer")),
    (ORIGIN_REQUEST, "b689b0a8-53d0-40ab-baf2-68738e2966ac",
     _origin_config("Managed-AllViewerExceptHostHeader", "Policy to forward all parameters in viewer requests except for the Host header",
                    "allExcept", ("host",))),
]
