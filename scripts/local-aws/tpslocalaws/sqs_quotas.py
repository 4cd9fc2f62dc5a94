"""SQS FIFO's per-action request quota, which shapes the commit path's design (issue 14).

A FIFO queue answers a limited number of calls per second per API action; batch calls count
once, as their single-message action does (SendMessageBatch with SendMessage, and so on). Above
the rate SQS answers 400 `ThrottlingException` "Rate exceeded" (query-compatible header
`ThrottlingException;Sender`). Without high-throughput mode the quota is 300 calls/s for the
whole queue; with it (`FifoThroughputLimit=perMessageGroupId` and
`DeduplicationScope=messageGroup`) the quota applies per partition and is far higher — here one
configurable per-queue figure. Standard queues are not limited (AWS: nearly unlimited).

Each queue and action has a token bucket holding one second of calls (at least one call), refilled continuously,
so a short burst up to the rate passes and a sustained rate above it is throttled. Tests own
their queues, so one test's calls never use up another's quota. Rates: the environment
(`TPS_LOCAL_AWS_SQS_FIFO_RATE`, `TPS_LOCAL_AWS_SQS_FIFO_HIGH_THROUGHPUT_RATE`) or
`POST /_tps/sqs/quotas` for queues whose name starts with a prefix (latest matching wins).
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from .request_info import AwsRequest

#: The action a call counts against.
QUOTA_ACTIONS = {
    "SendMessage": "SendMessage", "SendMessageBatch": "SendMessage",
    "ReceiveMessage": "ReceiveMessage",
    "DeleteMessage": "DeleteMessage", "DeleteMessageBatch": "DeleteMessage",
    "ChangeMessageVisibility": "ChangeMessageVisibility", "ChangeMessageVisibilityBatch": "ChangeMessageVisibility",
}

#: AWS's figure for a FIFO queue without high-throughput mode.
STANDARD_FIFO_RATE = 300.0
#: High-throughput mode: AWS's figure depends on the region and on partitions; 10× the
#: standard mode keeps the difference visible locally and the emulator itself is slower.
HIGH_THROUGHPUT_FIFO_RATE = 3000.0


class QuotaError(ValueError):
    """A quota setting that cannot be used (the message names the field)."""


@dataclass
class _Override:
    prefix: str
    standard: float | None
    high_throughput: float | None


class SqsQuotas:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[tuple, list[float]] = {}
        self._overrides: list[_Override] = []
        self.standard = _env_rate("TPS_LOCAL_AWS_SQS_FIFO_RATE", STANDARD_FIFO_RATE)
        self.high_throughput = _env_rate("TPS_LOCAL_AWS_SQS_FIFO_HIGH_THROUGHPUT_RATE", HIGH_THROUGHPUT_FIFO_RATE)

    # --- control API ---------------------------------------------------------------------------

    def snapshot(self) -> dict:
        with self._lock:
            return {"fifoCallsPerSecond": self.standard, "highThroughputCallsPerSecond": self.high_throughput,
                    "overrides": [{"queueNamePrefix": o.prefix, "fifoCallsPerSecond": o.standard,
                                   "highThroughputCallsPerSecond": o.high_throughput} for o in self._overrides]}

    def override(self, spec: object) -> dict:
        if not isinstance(spec, dict):
            raise QuotaError("quota: expected a JSON object")
        unknown = sorted(set(spec) - {"queueNamePrefix", "fifoCallsPerSecond", "highThroughputCallsPerSecond"})
        if unknown:
            raise QuotaError(f"quota: unknown field {unknown[0]!r}")
        prefix = spec.get("queueNamePrefix")
        if not isinstance(prefix, str) or not prefix:
            raise QuotaError("quota.queueNamePrefix: expected a non-empty string (quotas are changed per queue)")
        rates = {}
        for name in ("fifoCallsPerSecond", "highThroughputCallsPerSecond"):
            value = spec.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
                raise QuotaError(f"quota.{name}: expected a positive number or null")
            rates[name] = None if value is None else float(value)
        with self._lock:
            self._overrides.append(_Override(prefix, rates["fifoCallsPerSecond"], rates["highThroughputCallsPerSecond"]))
            self._buckets = {k: v for k, v in self._buckets.items() if not k[1].startswith(prefix)}
        return self.snapshot()

    def clear(self, prefix: str | None) -> int:
        with self._lock:
            keep = [o for o in self._overrides if prefix is not None and o.prefix != prefix]
            removed = len(self._overrides) - len(keep)
            self._overrides = keep
            self._buckets.clear()
            return removed

    # --- per request ---------------------------------------------------------------------------

    def throttles(self, request: AwsRequest, environ: dict, body: bytes) -> bool:
        """True if this call is over its queue's quota (and uses up no token then)."""
        if request.service != "sqs" or request.action not in QUOTA_ACTIONS:
            return False
        located = _queue(request, environ, body)
        if located is None:
            return False
        owner, name = located
        queue = _moto_queue(owner, request.region, name)
        if queue is None or not getattr(queue, "fifo_queue", False):
            return False
        high = (getattr(queue, "fifo_throughput_limit", "") == "perMessageGroupId"
                and getattr(queue, "deduplication_scope", "") == "messageGroup")
        key = (request.region, name, owner, QUOTA_ACTIONS[request.action])
        now = time.monotonic()
        with self._lock:
            rate = self._rate(name, high)
            bucket = self._buckets.get(key)
            capacity = max(rate, 1.0)
            if bucket is None or bucket[2] != rate:
                bucket = [capacity, now, rate]   # tokens, last refill, the rate it was made for
                self._buckets[key] = bucket
            bucket[0] = min(capacity, bucket[0] + (now - bucket[1]) * rate)
            bucket[1] = now
            if bucket[0] < 1:
                return True
            bucket[0] -= 1
            return False

    def _rate(self, name: str, high: bool) -> float:
        for override in reversed(self._overrides):
            if name.startswith(override.prefix):
                value = override.high_throughput if high else override.standard
                if value is not None:
                    return value
        return self.high_throughput if high else self.standard


def _env_rate(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"{name}: expected a positive number of calls per second, got {raw!r}")
    if value <= 0:
        raise SystemExit(f"{name}: expected a positive number of calls per second, got {raw!r}")
    return value


def _queue(request: AwsRequest, environ: dict, body: bytes) -> tuple[str, str] | None:
    """(account, queue name) from QueueUrl (JSON body or Query form) or the Query path."""
    url = None
    if request.protocol == "json":
        try:
            params = json.loads(body or b"{}")
            url = params.get("QueueUrl") if isinstance(params, dict) else None
        except ValueError:
            return None
    else:
        form = parse_qs(body.decode("utf-8", "replace")) if body else {}
        url = (form.get("QueueUrl") or parse_qs(environ.get("QUERY_STRING", "")).get("QueueUrl") or [None])[0]
    path = urlparse(url).path if isinstance(url, str) and url else environ.get("PATH_INFO", "")
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2 or not parts[-2].isdigit():
        return None
    return parts[-2], parts[-1]


def _moto_queue(owner: str, region: str | None, name: str):
    from moto.sqs.models import sqs_backends

    if region is None:
        return None
    return sqs_backends[owner][region].queues.get(name)
