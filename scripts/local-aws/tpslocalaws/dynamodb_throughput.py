"""DynamoDB's throughput ceiling: reads and writes above a table's rate are throttled.

On AWS a new on-demand table serves at once only what its warm throughput says (12,000 read
and 4,000 write units per second for a new table; `WarmThroughput` on CreateTable/UpdateTable
raises it), a provisioned table only its `ProvisionedThroughput`, and an on-demand table
never more than its `OnDemandThroughput` maximum. moto has no ceiling at all, so a design
that needs more than a new table gives would pass locally and throttle in production.

Off until a rule is set (`POST /_tps/dynamodb/throughput`), and each rule is scoped to a
region and a table-name prefix, so suites sharing the emulator never see throttling they did
not ask for. A rule's `scale` multiplies the table's rates: this emulator serves a few hundred
requests per second, DynamoDB millions, so `scale: 0.01` turns 4,000 write units into 40 writes
per second and the ceiling, and what warm throughput changes about it, shows locally.

Per table and direction a token bucket holds one second of its rate (DynamoDB's burst
capacity is longer; one second makes the ceiling plain). Units, for items under 1 KB (the
seat locks are): PutItem, UpdateItem, DeleteItem 1 write unit; BatchWriteItem 1 per request;
TransactWriteItems 2 per item; GetItem 1 read unit (0.5 eventually consistent); BatchGetItem 1
per key; TransactGetItems 2 per item; Query and Scan 1 per call (an approximation: DynamoDB
counts the bytes read). Over the ceiling: ProvisionedThroughputExceededException (400), or
ThrottlingException when the on-demand maximum is what was exceeded, each with the
`ThrottlingReasons` DynamoDB sends.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field

from .request_info import AwsRequest


class ThroughputError(ValueError):
    """A rule that cannot be used (the message names the field)."""


_WRITES = {"PutItem": 1.0, "UpdateItem": 1.0, "DeleteItem": 1.0}
_READS = {"GetItem": 1.0, "Query": 1.0, "Scan": 1.0}
_ERROR_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.coral.service/"


@dataclass
class Rule:
    region: str | None
    table_prefix: str
    scale: float
    throttled: int = 0

    def as_dict(self) -> dict:
        return {"region": self.region, "tablePrefix": self.table_prefix, "scale": self.scale,
                "throttled": self.throttled}


@dataclass
class _Bucket:
    rate: float
    tokens: float
    stamp: float = field(default_factory=time.monotonic)

    def take(self, units: float, rate: float) -> bool:
        now = time.monotonic()
        if rate != self.rate:  # the table's throughput changed: the new rate applies at once
            self.rate = rate
        self.tokens = min(rate, self.tokens + (now - self.stamp) * rate)
        self.stamp = now
        if self.tokens >= units:
            self.tokens -= units
            return True
        return False


@dataclass(frozen=True)
class Throttle:
    """The answer to a throttled request."""
    code: str
    message: str
    reason: str
    resource: str

    def response(self) -> tuple[int, list[tuple[str, str]], bytes]:
        body = json.dumps({
            "__type": f"com.amazonaws.dynamodb.v20120810#{self.code}",
            "message": self.message,
            "ThrottlingReasons": [{"reason": self.reason, "resource": self.resource}],
        }).encode()
        return 400, [
            ("Content-Type", "application/x-amz-json-1.0"),
            ("x-amzn-ErrorType", self.code + _ERROR_SUFFIX),
            ("x-amzn-RequestId", str(uuid.uuid4())),
            ("Content-Length", str(len(body))),
        ], body


class DynamoDBThroughput:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[Rule] = []
        self._buckets: dict[tuple[str, str, str], _Bucket] = {}

    # --- control API --------------------------------------------------------------------------

    def set_rule(self, spec: object) -> dict:
        if not isinstance(spec, dict):
            raise ThroughputError("dynamodb throughput: expected a JSON object")
        unknown = set(spec) - {"region", "tablePrefix", "scale"}
        if unknown:
            raise ThroughputError(f"dynamodb throughput.{sorted(unknown)[0]}: unknown field")
        prefix = spec.get("tablePrefix")
        if not isinstance(prefix, str) or not prefix:
            raise ThroughputError("dynamodb throughput.tablePrefix: expected a non-empty string")
        region = spec.get("region")
        if region is not None and not isinstance(region, str):
            raise ThroughputError("dynamodb throughput.region: expected a string or null")
        scale = spec.get("scale", 1)
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not 0 < scale <= 1:
            raise ThroughputError("dynamodb throughput.scale: expected a number in (0, 1]")
        rule = Rule(region=region, table_prefix=prefix, scale=float(scale))
        with self._lock:
            self._rules = [r for r in self._rules if (r.region, r.table_prefix) != (region, prefix)] + [rule]
            self._buckets.clear()
        return {"rules": self.listing()}

    def listing(self) -> list[dict]:
        with self._lock:
            return [rule.as_dict() for rule in self._rules]

    def clear(self, params: dict) -> dict:
        prefix, region = params.get("tablePrefix"), params.get("region")
        with self._lock:
            kept = [r for r in self._rules if (prefix is not None and r.table_prefix != prefix)
                    or (region is not None and r.region != region)]
            removed = len(self._rules) - len(kept)
            self._rules = kept
            self._buckets.clear()
        return {"removed": removed, "rules": self.listing()}

    # --- requests -----------------------------------------------------------------------------

    def check(self, request: AwsRequest, body: bytes) -> Throttle | None:
        """The throttle for this request, or None when it may go through (and its units are spent)."""
        if request.service != "dynamodb" or not self._rules:
            return None
        demands = _demands(request.action or "", body)
        if not demands:
            return None
        with self._lock:
            for table_name, direction, units in demands:
                rule = self._rule_for(request.region, table_name)
                if rule is None:
                    continue
                limits = _table_limits(request.region, table_name)
                if limits is None:
                    continue  # moto answers ResourceNotFoundException
                rate, on_demand_max, arn, provisioned = limits[direction]
                capped = on_demand_max is not None and on_demand_max < rate
                effective = max((on_demand_max if capped else rate) * rule.scale, 0.5)
                key = (request.region or "", table_name, direction)
                bucket = self._buckets.setdefault(key, _Bucket(rate=effective, tokens=effective))
                if not bucket.take(units, effective):
                    rule.throttled += 1
                    what = "Read" if direction == "read" else "Write"
                    if capped:
                        return Throttle("ThrottlingException", "Throughput exceeds the maximum OnDemandThroughput "
                                        "configured on the table.", f"Table{what}MaxOnDemandThroughputExceeded", arn)
                    return Throttle(
                        "ProvisionedThroughputExceededException",
                        "The level of configured provisioned throughput for the table was exceeded. Consider "
                        "increasing your provisioning level with the UpdateTable API."
                        if provisioned else
                        "Throughput exceeds the current capacity of your table. DynamoDB is automatically scaling "
                        "your table; raise its WarmThroughput to serve this rate at once.",
                        f"Table{what}ProvisionedThroughputExceeded" if provisioned
                        else f"Table{what}KeyRangeThroughputExceeded", arn)
        return None

    def _rule_for(self, region: str | None, table: str) -> Rule | None:
        for rule in reversed(self._rules):
            if table.startswith(rule.table_prefix) and (rule.region is None or rule.region == region):
                return rule
        return None


def _demands(action: str, body: bytes) -> list[tuple[str, str, float]]:
    """(table, "read"|"write", units) this call consumes."""
    try:
        payload = json.loads(body or b"{}")
    except ValueError:
        return []
    if not isinstance(payload, dict):
        return []
    if action in _WRITES and isinstance(payload.get("TableName"), str):
        return [(payload["TableName"], "write", _WRITES[action])]
    if action in _READS and isinstance(payload.get("TableName"), str):
        units = _READS[action] if action != "GetItem" or payload.get("ConsistentRead") else 0.5
        return [(payload["TableName"], "read", units)]
    totals: dict[tuple[str, str], float] = {}

    def add(table: object, direction: str, units: float) -> None:
        if isinstance(table, str):
            totals[(table, direction)] = totals.get((table, direction), 0) + units

    if action == "BatchWriteItem":
        for table, requests in (payload.get("RequestItems") or {}).items():
            add(table, "write", len(requests or []))
    elif action == "BatchGetItem":
        for table, spec in (payload.get("RequestItems") or {}).items():
            add(table, "read", len((spec or {}).get("Keys") or []))
    elif action in ("TransactWriteItems", "TransactGetItems"):
        direction = "write" if action == "TransactWriteItems" else "read"
        for item in payload.get("TransactItems") or []:
            for operation in (item or {}).values():
                add((operation or {}).get("TableName"), direction, 2)
    return [(table, direction, units) for (table, direction), units in totals.items()]


def _table_limits(region: str | None, name: str) -> dict | None:
    """Per direction: (rate units/s, on-demand maximum or None, table ARN, provisioned?)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    table = dynamodb_backends[DEFAULT_ACCOUNT_ID][region or "us-east-1"].tables.get(name)
    if table is None:
        return None
    provisioned = getattr(table, "billing_mode", None) != "PAY_PER_REQUEST"
    warm = getattr(table, "warm_throughput", None) or {}
    throughput = getattr(table, "throughput", None) or {}
    on_demand = getattr(table, "on_demand_throughput", None) or {}
    arn = getattr(table, "table_arn", "")

    def maximum(key: str) -> float | None:
        value = on_demand.get(key)
        return float(value) if isinstance(value, (int, float)) and value > 0 else None

    if provisioned:
        return {"read": (float(throughput.get("ReadCapacityUnits") or 1), None, arn, True),
                "write": (float(throughput.get("WriteCapacityUnits") or 1), None, arn, True)}
    return {"read": (float(warm.get("ReadUnitsPerSecond") or 12000), maximum("MaxReadRequestUnits"), arn, False),
            "write": (float(warm.get("WriteUnitsPerSecond") or 4000), maximum("MaxWriteRequestUnits"), arn, False)}
