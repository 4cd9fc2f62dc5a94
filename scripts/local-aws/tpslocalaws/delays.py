"""How long slow resources take to change state, in seconds (POST /_tps/delays).

Defaults are short so tests stay fast but every poller still sees the transient states.
"""

from __future__ import annotations

import threading

DEFAULTS: dict[str, float] = {
    "nat-gateway": 1.0,                    # pending -> available, deleting -> deleted
    "rds-cluster": 2.0,                    # creating -> available, deleting -> gone
    "rds-instance": 2.0,                   # creating -> available, deleting -> gone
    "ecs-service": 2.0,                    # a deployment's whole rollout
    "ecs-task": 2.0,                       # RunTask: PROVISIONING -> PENDING -> RUNNING -> STOPPED
    "elasticache-replication-group": 2.0,  # creating/modifying/deleting
    "vpc-endpoint": 1.0,                   # pending -> available, deleting -> deleted
    "cloudfront-distribution": 1.0,        # InProgress -> Deployed
}


class DelayError(ValueError):
    pass


_lock = threading.Lock()
_current: dict[str, float] = dict(DEFAULTS)


def get(kind: str) -> float:
    with _lock:
        return _current[kind]


def snapshot() -> dict[str, float]:
    with _lock:
        return dict(_current)


def update(values: object) -> dict[str, float]:
    if not isinstance(values, dict):
        raise DelayError("delays: expected a JSON object of name -> seconds")
    for name, seconds in values.items():
        if name not in DEFAULTS:
            raise DelayError(f"delays: unknown resource {name!r} (known: {', '.join(sorted(DEFAULTS))})")
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise DelayError(f"delays.{name}: expected a non-negative number of seconds")
    with _lock:
        _current.update({k: float(v) for k, v in values.items()})
        return dict(_current)


def reset() -> dict[str, float]:
    with _lock:
        _current.clear()
        _current.update(DEFAULTS)
        return dict(_current)
