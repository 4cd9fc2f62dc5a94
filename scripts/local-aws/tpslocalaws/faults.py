"""Fault injection rules: POST /_tps/faults adds one, matching requests get the fault.

A rule matches on service (signing name, or botocore's service name, e.g. "elbv2" for
"elasticloadbalancing"), action, region and access key id; a null field matches anything.
Per request, every matching latency rule adds its delay, then the first matching terminal
rule (throttle, server-error, reset) answers instead of moto. `count` limits how many
requests a rule hits; `hits` counts them. `probability` (0..1) makes a rule hit only that
share of the requests it matches, drawn per request; a terminal rule that does not fire
lets the next matching one decide.
"""

from __future__ import annotations

import itertools
import random
import threading
from dataclasses import dataclass, field

from .request_info import AwsRequest

KINDS = ("throttle", "server-error", "latency", "reset")

#: botocore service names accepted as aliases of a signing name.
SERVICE_ALIASES = {
    "elbv2": "elasticloadbalancing",
    "elb": "elasticloadbalancing",
    "cloudwatch": "monitoring",
    "resourcegroupstaggingapi": "tagging",
    "application-autoscaling": "application-autoscaling",
    "events": "events",
}


class FaultError(ValueError):
    """A fault specification that cannot be used (the message names the field)."""


@dataclass
class Fault:
    id: str
    kind: str
    service: str | None = None
    action: str | None = None
    region: str | None = None
    access_key_id: str | None = None
    status: int | None = None
    code: str | None = None
    message: str | None = None
    count: int | None = None
    latency_ms: int = 0
    probability: float | None = None
    hits: int = field(default=0)

    def matches(self, request: AwsRequest) -> bool:
        if self.count is not None and self.hits >= self.count:
            return False
        if self.service is not None and SERVICE_ALIASES.get(self.service, self.service) != request.service:
            return False
        if self.action is not None and self.action != request.action:
            return False
        if self.region is not None and self.region != request.region:
            return False
        if self.access_key_id is not None and self.access_key_id != request.access_key_id:
            return False
        return True

    def as_dict(self) -> dict:
        remaining = None if self.count is None else max(self.count - self.hits, 0)
        return {
            "id": self.id, "kind": self.kind, "service": self.service, "action": self.action,
            "region": self.region, "accessKeyId": self.access_key_id, "status": self.status,
            "code": self.code, "message": self.message, "count": self.count,
            "latencyMs": self.latency_ms, "probability": self.probability, "hits": self.hits,
            "remaining": remaining,
        }


@dataclass(frozen=True)
class Decision:
    """What to do with one request: sleep this long, then maybe answer with a fault."""
    latency_ms: int
    terminal: Fault | None


class FaultTable:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)
        self._random = random.Random()

    def add(self, spec: dict) -> Fault:
        fault = _parse(spec, f"f{next(self._ids)}")
        with self._lock:
            self._faults.append(fault)
        return fault

    def list(self) -> list[dict]:
        with self._lock:
            return [f.as_dict() for f in self._faults]

    def clear(self, access_key_id: str | None = None) -> int:
        with self._lock:
            keep = [f for f in self._faults if access_key_id is not None and f.access_key_id != access_key_id]
            removed = len(self._faults) - len(keep)
            self._faults = keep
            return removed

    def remove(self, fault_id: str) -> bool:
        with self._lock:
            before = len(self._faults)
            self._faults = [f for f in self._faults if f.id != fault_id]
            return len(self._faults) != before

    def decide(self, request: AwsRequest) -> Decision:
        """Picks the faults for a request and counts their hits atomically."""
        latency = 0
        terminal = None
        with self._lock:
            for fault in self._faults:
                if not fault.matches(request):
                    continue
                if fault.kind != "latency" and terminal is not None:
                    continue
                if fault.probability is not None and self._random.random() >= fault.probability:
                    continue
                if fault.kind == "latency":
                    fault.hits += 1
                    latency += fault.latency_ms
                elif terminal is None:
                    fault.hits += 1
                    terminal = fault
        return Decision(latency, terminal)


def _parse(spec: object, fault_id: str) -> Fault:
    if not isinstance(spec, dict):
        raise FaultError("fault: expected a JSON object")
    known = {"service", "action", "region", "accessKeyId", "kind", "status", "code", "message", "count", "latencyMs",
             "probability"}
    unknown = sorted(set(spec) - known)
    if unknown:
        raise FaultError(f"fault: unknown field {unknown[0]!r}")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise FaultError(f"fault.kind: expected one of {', '.join(KINDS)}, got {kind!r}")
    for name in ("service", "action", "region", "accessKeyId", "code", "message"):
        if spec.get(name) is not None and not isinstance(spec[name], str):
            raise FaultError(f"fault.{name}: expected a string or null")
    status = spec.get("status")
    if status is not None and (not isinstance(status, int) or not 400 <= status <= 599):
        raise FaultError("fault.status: expected an HTTP error status 400-599")
    count = spec.get("count")
    if count is not None and (not isinstance(count, int) or count < 1):
        raise FaultError("fault.count: expected a positive integer or null")
    probability = spec.get("probability")
    if probability is not None and (isinstance(probability, bool) or not isinstance(probability, (int, float))
                                    or not 0 <= probability <= 1):
        raise FaultError("fault.probability: expected a number from 0 to 1 or null")
    latency = spec.get("latencyMs", 0 if kind != "latency" else None)
    if kind == "latency" and (not isinstance(latency, int) or latency < 0):
        raise FaultError("fault.latencyMs: expected a non-negative integer for kind latency")
    return Fault(
        id=fault_id, kind=kind, service=spec.get("service"), action=spec.get("action"),
        region=spec.get("region"), access_key_id=spec.get("accessKeyId"),
        status=status if kind in ("server-error", "throttle") else None,
        code=spec.get("code"), message=spec.get("message"), count=count,
        latency_ms=latency or 0, probability=None if probability is None else float(probability),
    )
